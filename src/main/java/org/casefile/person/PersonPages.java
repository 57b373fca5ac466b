package org.casefile.person;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import org.casefile.account.SignedIn;
import org.casefile.account.WebSession;
import org.casefile.count.CountAnswers;
import org.casefile.count.CountParameters;
import org.casefile.custody.Basis;
import org.casefile.custody.CustodyStates;
import org.casefile.custody.StatusService;
import org.casefile.custody.StatusView;
import org.casefile.db.KeptJson;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactService;
import org.casefile.fact.FactView;
import org.casefile.http.ETags;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.http.Params;
import org.casefile.http.Today;
import org.casefile.problem.MergedException;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.casefile.web.PageText;
import org.casefile.web.PageUrl;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The people pages: {@code /}, the search and the people of concern with their status and the headline counts, and
 * {@code /people/{id}}, a person's case. They answer from the services the JSON endpoints use (PersonSearch,
 * CountAnswers, PersonDocuments), so a page shows exactly what the API answers.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PersonPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(Home home);

        static native TemplateInstance person(PersonPage p);

        static native TemplateInstance history(PersonWriteService.History history, String name);
    }

    /** The count headlined on the front page: the default definition (detained). */
    static final List<String> COUNT_GROUP_BY = List.of("status");
    static final PageRequest COUNT_PAGE = new PageRequest(0, PageRequest.DEFAULT_SIZE);

    private final PersonSearch searches;
    private final PersonDocuments documents;
    private final CountAnswers counts;
    private final CountParameters countParameters;
    private final ObjectMapper mapper;
    private final FactService facts;
    private final PersonWriteService writes;
    private final SignedIn signedIn;

    public PersonPages(PersonSearch searches, PersonDocuments documents, CountAnswers counts,
                       CountParameters countParameters, ObjectMapper mapper, FactService facts, PersonWriteService writes,
                       SignedIn signedIn) {
        this.searches = searches;
        this.documents = documents;
        this.counts = counts;
        this.countParameters = countParameters;
        this.mapper = mapper;
        this.facts = facts;
        this.writes = writes;
        this.signedIn = signedIn;
    }

    /** A choice of a select: its value, words, and whether it is the one chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    /** The filters as given (blank = absent), in the order the canonical URL carries them. */
    public record Filters(String q, String status, String affiliation, String citizenship, String asOf, String basis) {

        Map<String, String> given() {
            Map<String, String> out = new LinkedHashMap<>();
            put(out, "q", q);
            put(out, "status", status);
            put(out, "affiliation", affiliation);
            put(out, "citizenship", citizenship);
            put(out, "asOf", asOf);
            // The default basis is no filter: left out, so a form's submission and a bare link share one URL.
            put(out, "basis", Basis.DEFAULT.equals(basis) ? null : basis);
            return out;
        }

        private static void put(Map<String, String> out, String name, String value) {
            if (value != null && !value.isBlank()) {
                out.put(name, value.strip());
            }
        }

        public boolean hasQuery() {
            return q != null && !q.isBlank();
        }

        /** Any filter other than the name, the day and the basis: the empty state then suggests removing them. */
        public boolean narrowed() {
            return given().keySet().stream().anyMatch(k -> !k.equals("q") && !k.equals("basis") && !k.equals("asOf"));
        }

        /** Any filter other than the name (a basis other than the default included): the filters are then shown open. */
        public boolean applied() {
            return given().keySet().stream().anyMatch(k -> !k.equals("q"));
        }
    }

    /**
     * The headline counts on the day: both totals, each linking to the count's evidence; {@code readAt} set when the
     * records have changed since they were counted; not {@code counted} while the first count is still to be made.
     */
    public record Headline(String definition, long confirmed, long lastKnown, String confirmedUrl, String lastKnownUrl,
                           OffsetDateTime readAt, boolean counted) {
    }

    /** What the front page shows. */
    public record Home(Filters filters, LocalDate day, String basis, String error, Page<PersonViews.Summary> people,
                       Headline headline, String canonical, String previous, String next, List<PersonViews.Summary> suggestions,
                       List<Option> statusOptions, List<Option> basisOptions) {

        public long firstShown() {
            return people == null || people.items().isEmpty() ? 0 : (long) people.page() * people.size() + 1;
        }

        public long lastShown() {
            return people == null ? 0 : (long) people.page() * people.size() + people.items().size();
        }

        public boolean today() {
            return day.equals(Today.date());
        }

        public int pageNumber() {
            return people.page() + 1;
        }

        public long pageCount() {
            return (people.total() + people.size() - 1) / people.size();
        }
    }

    @GET
    @Operation(hidden = true)
    public Response home(@QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("affiliation") String affiliation,
                         @QueryParam("citizenship") String citizenship, @QueryParam("asOf") String asOf,
                         @QueryParam("basis") String basis, @QueryParam("page") String page, @QueryParam("size") String size) {
        Filters filters = new Filters(q, status, affiliation, citizenship, asOf, basis);
        String chosenBasis = basis != null && Basis.VALUES.contains(basis) ? basis : Basis.DEFAULT;
        LocalDate day = Today.date();
        try {
            day = Params.date("asOf", asOf, Today.date());
            PageRequest paging = PageRequest.of(page, size);
            // Without a name: the people the letters are about. With one: everyone it matches, best first, as the API finds them.
            PersonService.Search search = searches.search(new PersonSearch.Asked(q, status, asOf, basis, null,
                    filters.hasQuery() ? null : "true", affiliation, citizenship, null, null));
            Page<PersonViews.Summary> found = searches.find(search, paging);
            List<PersonViews.Summary> suggestions = found.items().isEmpty() && filters.hasQuery() ? suggestions(q, search) : List.of();
            Home home = new Home(filters, day, search.basis(), null, found, headline(day, search.basis()), url("/", filters.given(), paging),
                    paging.page() > 0 ? url("/", filters.given(), new PageRequest(paging.page() - 1, paging.size())) : null,
                    (long) (paging.page() + 1) * paging.size() < found.total() ? url("/", filters.given(), new PageRequest(paging.page() + 1, paging.size())) : null,
                    suggestions, statusOptions(status), basisOptions(chosenBasis));
            return PageResponse.of(200, Templates.home(home));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            // A filter a person can fix: said next to the form, with the form as given, and nothing guessed.
            Home home = new Home(filters, day, chosenBasis, e.getMessage(), null, null, url("/", filters.given(), null), null, null,
                    List.of(), statusOptions(status), basisOptions(chosenBasis));
            return PageResponse.of(400, Templates.home(home));
        }
    }

    /**
     * When a name finds no one: the names each of its words finds on its own (the same search, looser), else the
     * people of concern, so the page always offers somewhere to go.
     */
    private List<PersonViews.Summary> suggestions(String q, PersonService.Search search) {
        Set<String> seen = new LinkedHashSet<>();
        List<PersonViews.Summary> out = new ArrayList<>();
        String[] words = q.strip().split("\\s+");
        if (words.length > 1) {
            for (String word : words) {
                if (word.codePointCount(0, word.length()) < 3 || word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                    continue;
                }
                PersonService.Search looser = new PersonService.Search(word, null, search.asOf(), search.basis(), false, null, null,
                        null, null, "relevance");
                List<PersonViews.Summary> found;
                try {
                    found = searches.find(looser, new PageRequest(0, 5)).items();
                } catch (ProblemException e) {
                    continue; // an honorific alone ("Samdech") has nothing to search by
                }
                for (PersonViews.Summary s : found) {
                    if (seen.add(s.id())) {
                        out.add(s);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            PersonService.Search concern = new PersonService.Search(null, null, search.asOf(), search.basis(), false, true, null,
                    null, null, "name");
            out.addAll(searches.find(concern, new PageRequest(0, 10)).items());
        }
        return out;
    }

    /**
     * Both totals of the default count on the day, from the answer GET /api/counts keeps: the page never waits for a
     * count. After a change the kept answer is shown until it is made again, labelled with when its records were read;
     * when none was ever kept and counting must wait (503), the page says so and links to the counts.
     */
    private Headline headline(LocalDate day, String basis) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("basis", basis);
        String countUrl = "/counts?asOf=" + day + "&basis=";
        KeptJson.Found found;
        try {
            found = counts.latest(countParameters.question(values, day, null));
        } catch (ProblemException e) {
            if (e.status() != 503) {
                throw e;
            }
            return new Headline(CountParameters.DEFAULT_DEFINITION, -1, -1, countUrl + Basis.CONFIRMED, countUrl + Basis.LAST_KNOWN, null, false);
        }
        try {
            JsonNode count = mapper.readTree(found.body());
            JsonNode totals = count.path("totals");
            String definition = count.path("definition").path("label").asText(CountParameters.DEFAULT_DEFINITION);
            return new Headline(definition, totals.path("confirmed").asLong(), totals.path("lastKnown").asLong(),
                    countUrl + Basis.CONFIRMED, countUrl + Basis.LAST_KNOWN,
                    found.current() ? null : OffsetDateTime.parse(count.path("readAt").asText()), true);
        } catch (IOException e) {
            throw new IllegalStateException("count answer cannot be read", e);
        }
    }

    private static List<Option> statusOptions(String chosen) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Any status", chosen == null || chosen.isBlank()));
        CustodyStates.FILTERS.keySet().forEach(k -> out.add(new Option(k, PageText.words(k)
                + (k.equals("detained") ? " (arrested, pre-trial detention, imprisoned)"
                : k.equals("deprived_of_liberty") ? " (detained or under house arrest)" : ""), k.equals(chosen))));
        return out;
    }

    private static List<Option> basisOptions(String chosen) {
        return List.of(new Option(Basis.LAST_KNOWN, "Last known", Basis.LAST_KNOWN.equals(chosen)),
                new Option(Basis.CONFIRMED, "Confirmed only", Basis.CONFIRMED.equals(chosen)));
    }

    /** A page URL with its filters (and page when not the first), parameters in a fixed order: shareable, canonical. */
    static String url(String path, Map<String, String> parameters, PageRequest page) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (page != null && page.page() > 0) {
            all.put("page", String.valueOf(page.page()));
        }
        if (page != null && page.size() != PageRequest.DEFAULT_SIZE) {
            all.put("size", String.valueOf(page.size()));
        }
        PageUrl url = PageUrl.of(path);
        all.forEach(url::with);
        return url.toString();
    }

    /** A letter that uses a name, linked at the first passage where it does. */
    public record Letter(String source, String href) {
    }

    /** A name form with the letters that write it. */
    public record NameRow(String name, String form, boolean khmer, List<Letter> letters) {
    }

    /** One of two claims that disagree: as the person's record states it; for an editor, the version its rank form changes. */
    public record Side(PersonViews.CustodyView claim, String etag, Integer version) {
    }

    /** Two claims that disagree about the same days, side by side. */
    public record Disagreement(StatusService.Conflict conflict, List<Side> sides) {
    }

    /** The visibility form as sent and why it was not stored, shown again beside the form. */
    public record VisibilityRefusal(String title, String detail, boolean restricted, String reason, boolean signIn) {
    }

    /** What a person's page shows; {@code editing} only for an editor. */
    public record PersonPage(PersonViews.Detail person, List<NameRow> names, LocalDate day, String basis, List<Option> basisOptions,
                             StatusView status, CitationView restsOn, CustodyChart chart, String canonical,
                             List<Disagreement> disagreements, PersonWriteService.Editing editing, VisibilityRefusal refusal) {

        public boolean today() {
            return day.equals(Today.date());
        }

        /** Whether the visibility form shows "restricted" ticked: as sent if refused, else as the record is. */
        public boolean chosenRestricted() {
            return refusal != null ? refusal.restricted() : editing != null && editing.restricted();
        }
    }

    @GET
    @Path("people/{id}")
    @Operation(hidden = true)
    public Response person(@PathParam("id") String id, @QueryParam("asOf") String asOf, @QueryParam("basis") String basis) {
        return person(200, id, asOf, basis, null);
    }

    /** Every version of the person's record, with who, when and why, and every change to a fact about them. */
    @GET
    @Path("people/{id}/history")
    @Operation(hidden = true)
    public Response history(@PathParam("id") String id) {
        PersonWriteService.History history = writes.history(id);
        String name = history.versions().get(history.versions().size() - 1).name();
        return PageResponse.of(200, Templates.history(history, name));
    }

    /** An editor restricts or publishes the person (and so every fact about them), with a reason, at the version read. */
    @POST
    @Path("people/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response visibility(@PathParam("id") String id, @FormParam(WebSession.CSRF_FIELD) String csrf, @FormParam("etag") String etag,
                               @FormParam("restricted") String restricted, @FormParam("reason") String reason) {
        ProblemException refused = signedIn.send(csrf, "this person's record",
                () -> writes.update(id, new PersonWriteService.PersonChange(null, null, restricted != null, reason), etag));
        if (refused != null) {
            return person(refused.status(), id, null, null,
                    new VisibilityRefusal(refused.title(), refused.getMessage(), restricted != null, reason, refused.status() == 401));
        }
        return Response.seeOther(URI.create("/people/" + id)).build();
    }

    private Response person(int code, String id, String asOf, String basis, VisibilityRefusal refusal) {
        LocalDate day = Params.date("asOf", asOf, Today.date());
        String chosenBasis = Basis.of("basis", basis);
        PersonViews.Detail person;
        StatusView status;
        try {
            person = read(documents.json(id));
            status = documents.status(id, day, chosenBasis);
        } catch (MergedException e) {
            Map<String, String> given = new LinkedHashMap<>();
            Filters.put(given, "asOf", asOf);
            Filters.put(given, "basis", basis);
            return Response.status(308).location(URI.create(url("/people/" + e.into, given, null))).build();
        }
        Map<String, String> given = new LinkedHashMap<>();
        Filters.put(given, "asOf", asOf);
        Filters.put(given, "basis", Basis.DEFAULT.equals(basis) ? null : basis);
        CitationView restsOn = status.claims().stream().filter(c -> c.citations() != null && !c.citations().isEmpty())
                .map(c -> c.citations().get(0)).findFirst().orElse(null);
        boolean editor = signedIn.editor();
        PersonPage page = new PersonPage(person, names(person), day, chosenBasis, basisOptions(chosenBasis), status, restsOn,
                CustodyChart.of(person.statusHistory(), person.custody(), Today.date()), url("/people/" + person.id(), given, null),
                disagreements(person, editor), editor ? writes.editing(person.id()) : null, refusal);
        return PageResponse.of(code, Templates.person(page));
    }

    /** Each pair of claims that disagree, with the claims themselves; for an editor, the version each rank form names. */
    private List<Disagreement> disagreements(PersonViews.Detail person, boolean editor) {
        List<Disagreement> out = new ArrayList<>();
        for (StatusService.Conflict c : person.conflicts() == null ? List.<StatusService.Conflict>of() : person.conflicts()) {
            List<Side> sides = new ArrayList<>();
            for (long factId : c.facts()) {
                PersonViews.CustodyView claim = person.custody().stream().filter(v -> v.factId() == factId).findFirst().orElse(null);
                if (claim == null) {
                    continue;
                }
                FactView version = editor ? facts.get(factId) : null;
                sides.add(new Side(claim, version == null ? null : ETags.of(version).toString(), version == null ? null : version.version()));
            }
            out.add(new Disagreement(c, sides));
        }
        return out;
    }

    private PersonViews.Detail read(byte[] json) {
        try {
            return mapper.readValue(json, PersonViews.Detail.class);
        } catch (IOException e) {
            throw new IllegalStateException("person document cannot be read", e);
        }
    }

    /** Each name form once (a name as written, in one form), with each letter that writes it once, linked at its first passage. */
    static List<NameRow> names(PersonViews.Detail person) {
        Map<String, Map<String, Letter>> letters = new LinkedHashMap<>();
        Map<String, PersonViews.Name> forms = new LinkedHashMap<>();
        for (PersonViews.Name n : person.names()) {
            String key = n.name() + "\u0000" + n.form();
            forms.putIfAbsent(key, n);
            Map<String, Letter> of = letters.computeIfAbsent(key, k -> new LinkedHashMap<>());
            for (CitationView c : n.citations() == null ? List.<CitationView>of() : n.citations()) {
                of.putIfAbsent(c.source(), new Letter(c.source(), PageText.passage(c.source(), c.start(), c.end())));
            }
        }
        List<NameRow> out = new ArrayList<>();
        forms.forEach((key, n) -> out.add(new NameRow(n.name(), n.form(), "khmer_script".equals(n.form()),
                List.copyOf(letters.get(key).values()))));
        return out;
    }
}
