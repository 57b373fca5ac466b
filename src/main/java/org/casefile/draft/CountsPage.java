package org.casefile.draft;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.casefile.count.CountAnswers;
import org.casefile.count.CountParameters;
import org.casefile.count.CountService;
import org.casefile.count.CountViews;
import org.casefile.custody.Basis;
import org.casefile.figure.FigureResource;
import org.casefile.figure.FigureService;
import org.casefile.figure.FigureViews;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.http.Today;
import org.casefile.problem.ProblemException;
import org.casefile.source.SourceService;
import org.casefile.web.PageResponse;
import org.casefile.web.PageUrl;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * /counts: a count on a day under a definition and basis, with the people counted, the caveats and the figures the
 * letters reported near that day; and the draft composer, which renders through POST /api/drafts (with JavaScript) or
 * through a form POST to this page (without).
 */
@Path("/counts")
@Produces(MediaType.TEXT_HTML)
public class CountsPage {

    /** How far either side of the day a reported figure is shown beside the count. */
    static final int FIGURE_WINDOW_DAYS = 120;
    static final String EXAMPLE_TEMPLATE = "As of {{asOf}}, Casefile's records name {{count definition=detained}} people in "
            + "detention: {{list definition=detained}}.";

    /** What the form asked, as given, so the page can show it back and build its canonical URL. */
    public record Asked(String asOf, String definition, String status, String basis, int page) {

        public String query() {
            return pageQuery(0);
        }

        public String basisShown() {
            return basis == null || basis.isBlank() ? Basis.DEFAULT : basis.trim();
        }

        public String pageQuery(int n) {
            return PageUrl.of("").with("asOf", asOf).with("definition", definition).with("status", status).with("basis", basis)
                    .with("page", n == 0 ? null : String.valueOf(n)).toString();
        }
    }

    /** The numbering of this page of people and the links to the pages either side (null where there is none). */
    public record Pager(int start, String previous, String next) {
        static Pager of(Asked asked, Page<?> people) {
            return new Pager(people.page() * people.size() + 1,
                    people.page() > 0 ? "/counts" + asked.pageQuery(people.page() - 1) : null,
                    (long) (people.page() + 1) * people.size() < people.total() ? "/counts" + asked.pageQuery(people.page() + 1) : null);
        }
    }

    /** A placeholder the composer offers, with the filters it accepts and an example. */
    public record Placeholder(String name, String filters, String example) {
    }

    /** The draft composer's state: the template, and either the rendered draft or the problem at its line and column. */
    public record Draft(String template, DraftViews.Draft rendered, String error, Integer line, Integer column) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance counts(Asked asked, LocalDate day, String error, CountViews.Count count,
                                              Pager pager, List<CountViews.Definition> definitions, List<String> statuses, List<String> bases,
                                              List<FigureViews> figures, List<Placeholder> placeholders, Draft draft);
    }

    private final CountParameters parameters;
    private final CountAnswers answers;
    private final CountService counts;
    private final FigureService figures;
    private final SourceService sources;
    private final DraftResource drafts;
    private final ObjectMapper mapper;

    public CountsPage(CountParameters parameters, CountAnswers answers, CountService counts, FigureService figures,
                      SourceService sources, DraftResource drafts, ObjectMapper mapper) {
        this.parameters = parameters;
        this.answers = answers;
        this.counts = counts;
        this.figures = figures;
        this.sources = sources;
        this.drafts = drafts;
        this.mapper = mapper;
    }

    @GET
    @Operation(hidden = true)
    public Response counts(@QueryParam("asOf") String asOf, @QueryParam("definition") String definition,
                           @QueryParam("status") String status, @QueryParam("basis") String basis, @QueryParam("page") String page) {
        return render(asOf, definition, status, basis, page, new Draft(EXAMPLE_TEMPLATE, null, null, null, null));
    }

    /** The composer without JavaScript: the form posts here and the page comes back with the draft rendered. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response compose(@QueryParam("asOf") String asOf, @QueryParam("definition") String definition,
                            @QueryParam("status") String status, @QueryParam("basis") String basis,
                            @FormParam("template") String template) {
        Draft draft;
        try {
            draft = new Draft(template, drafts.render(new DraftViews.Request(template, asOf, "markdown", null, false)), null, null, null);
        } catch (ProblemException e) {
            draft = new Draft(template, null, e.getMessage(), number(e.extensions().get("line")), number(e.extensions().get("column")));
        }
        return render(asOf, definition, status, basis, null, draft);
    }

    private Response render(String asOf, String definition, String status, String basis, String page, Draft draft) {
        Asked asked = new Asked(asOf, definition, status, basis, 0);
        LocalDate day = Today.date();
        String error = null;
        CountViews.Count count = null;
        List<FigureViews> reported = List.of();
        try {
            CountService.Question question = parameters.question(asOf, definition, status, basis, null, null, null, null);
            PageRequest paging = PageRequest.of(page, null);
            asked = new Asked(asOf, definition, status, basis, paging.page());
            day = question.asOf();
            // the same (kept, for the usual question) answer GET /api/counts sends
            count = mapper.readValue(answers.json(question, CountAnswers.GROUP_BY, paging), CountViews.Count.class);
            FigureService.Search near = FigureResource.search(null, day.minusDays(FIGURE_WINDOW_DAYS).toString(),
                    day.plusDays(FIGURE_WINDOW_DAYS).toString(), null, null, sources);
            Page<FigureViews> found = figures.list(near, new PageRequest(0, 50));
            reported = found.items();
        } catch (ProblemException e) {
            error = e.getMessage();
        } catch (IOException e) {
            throw new IllegalStateException("a count's JSON did not read back", e);
        }
        int status400 = error != null || draft.error() != null ? 400 : 200;
        return PageResponse.of(status400, Templates.counts(asked, day, error, count,
                count == null ? null : Pager.of(asked, count.people()), counts.definitions(), new ArrayList<>(new java.util.TreeSet<>(CountService.STATUS_VALUES)),
                Basis.VALUES, reported, placeholders(), draft));
    }

    static List<Placeholder> placeholders() {
        Map<String, String> examples = Map.of(
                "asOf", "{{asOf}}",
                "count", "{{count definition=detained}}",
                "list", "{{list status=imprisoned}}",
                "figure", "{{figure source=joint-letter-kerry-2016-01-25 category=political_prisoners}}",
                "person", "{{person rong-chhun}}");
        List<Placeholder> out = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> e : new TreeMap<>(DraftService.placeholders()).entrySet()) {
            out.add(new Placeholder(e.getKey(), String.join(", ", e.getValue().stream().sorted().toList()), examples.get(e.getKey())));
        }
        return out;
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
