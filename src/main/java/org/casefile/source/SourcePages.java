package org.casefile.source;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.casefile.account.SignedIn;
import org.casefile.account.WebSession;
import org.casefile.custody.CustodyStates;
import org.casefile.fact.Charge;
import org.casefile.fact.Figure;
import org.casefile.fact.Incident;
import org.casefile.fact.Involvement;
import org.casefile.http.ETags;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The letter page: a source's text exactly as stored, every cited passage highlighted and tied to the facts it supports. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SourcePages {

    /** A passage of the letter and the facts that cite it. */
    public record Passage(int n, int start, int end, String anchor, String quote, List<SourceClaim> claims) {
    }

    /** One opening mark in a segment: the anchor id only where its passage begins. */
    public record Mark(String id, boolean first) {
    }

    /** A run of text covered by the same passages (outermost first); refs are the passages that end with it. */
    public record Segment(String text, List<Mark> marks, List<Passage> ends) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance source(SourceViews.Detail source, List<Segment> segments, List<Passage> passages,
                                              Choices choices, List<SourceWriteService.Mention> uncited, List<NamedPerson> named, Visibility visibility);
    }

    /** The values the citing panel's lists offer, each list as the database accepts it. */
    public record Choices(List<String> custodyStates, List<String> chargeStages, List<String> incidentTypes, List<String> roles,
                          List<String> qualifiers) {
    }

    static final Choices CHOICES = new Choices(CustodyStates.STATES, Charge.STAGES, Incident.TYPES, Involvement.ROLES, Figure.QUALIFIERS);

    private final SourceService sources;
    private final SourceWriteService writes;
    private final SignedIn signedIn;

    public SourcePages(SourceService sources, SourceWriteService writes, SignedIn signedIn) {
        this.sources = sources;
        this.writes = writes;
        this.signedIn = signedIn;
    }

    /**
     * The visibility form of an editor: the ETag of the letter's record it changes, and, when it was refused, what the
     * editor sent and why it was not stored.
     */
    public record Visibility(String etag, Boolean restricted, String reason, String refusedTitle, String refusedDetail, boolean signIn) {

        /** Whether the form shows "restricted" ticked: as sent if refused, else as the letter is. */
        public boolean chosenRestricted(SourceViews.Detail source) {
            return restricted != null ? restricted : source.restricted() != null;
        }
    }

    @GET
    @Path("sources/{id}")
    @Operation(hidden = true)
    public Response source(@PathParam("id") String id) {
        return source(200, id, null);
    }

    /** An editor restricts or publishes the letter (and so every fact only it states), with a reason, at the version read. */
    @POST
    @Path("sources/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response visibility(@PathParam("id") String id, @FormParam(WebSession.CSRF_FIELD) String csrf, @FormParam("etag") String etag,
                               @FormParam("restricted") String restricted, @FormParam("reason") String reason) {
        ProblemException refused = signedIn.send(csrf, "this letter's record", () -> writes.restrict(id, restricted != null, reason, etag));
        if (refused != null) {
            return source(refused.status(), id,
                    new Visibility(null, restricted != null, reason, refused.title(), refused.getMessage(), refused.status() == 401));
        }
        return Response.seeOther(URI.create("/sources/" + id)).build();
    }

    private Response source(int status, String id, Visibility refused) {
        // What GET /api/sources/{id}, its text and its claims (every page) answer, read at once.
        SourceService.Letter letter = sources.letter(id);
        SourceViews.Detail source = letter.detail();
        List<Passage> passages = passages(letter.claims());
        // For editors, the known people the letter names: those not cited yet, and those the citing panel offers.
        boolean editor = signedIn.editor();
        List<SourceWriteService.Mention> mentions = editor ? writes.mentions(id) : List.of();
        String etag = ETags.of(source).toString();
        Visibility visibility = !editor ? null : refused == null ? new Visibility(etag, null, null, null, null, false)
                : new Visibility(etag, refused.restricted(), refused.reason(), refused.refusedTitle(), refused.refusedDetail(), refused.signIn());
        return PageResponse.of(status, Templates.source(source, segments(letter.text(), source.section().start(), source.section().end(), passages),
                passages, CHOICES, uncited(mentions, passages), named(mentions), visibility));
    }

    /** A known person the letter names, with where (code points "start-end", space-separated): the panel's choices. */
    public record NamedPerson(String id, String name, String spans) {
    }

    /** Each person the mentions name, once, in the order the letter first names them, by the name it uses first. */
    static List<NamedPerson> named(List<SourceWriteService.Mention> mentions) {
        Map<String, NamedPerson> byId = new LinkedHashMap<>();
        for (SourceWriteService.Mention m : mentions) {
            if ("person".equals(m.type())) {
                String span = m.start() + "-" + m.end();
                byId.merge(m.id(), new NamedPerson(m.id(), m.name(), span),
                        (first, next) -> new NamedPerson(first.id(), first.name(), first.spans() + " " + span));
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * The mentions of known people that no cited passage covers: what an editor may still have to cite. A shorter name
     * form of the same person within a longer one ("Sokha" in "Kem Sokha") is the same mention. The mentions come in
     * text order, the longer first where two start together.
     */
    static List<SourceWriteService.Mention> uncited(List<SourceWriteService.Mention> mentions, List<Passage> passages) {
        List<SourceWriteService.Mention> out = new ArrayList<>();
        for (SourceWriteService.Mention m : mentions) {
            if ("person".equals(m.type()) && passages.stream().noneMatch(p -> p.start() <= m.start() && m.end() <= p.end())
                    && out.stream().noneMatch(o -> o.id().equals(m.id()) && o.start() <= m.start() && m.end() <= o.end())) {
                out.add(m);
            }
        }
        return out;
    }

    /** The claims grouped by passage, in text order (the claims come ordered by start, end). */
    static List<Passage> passages(List<SourceClaim> claims) {
        Map<String, List<SourceClaim>> byRange = new LinkedHashMap<>();
        for (SourceClaim c : claims) {
            byRange.computeIfAbsent(c.citation().start() + "-" + c.citation().end(), k -> new ArrayList<>()).add(c);
        }
        List<Passage> out = new ArrayList<>();
        for (List<SourceClaim> group : byRange.values()) {
            var cite = group.get(0).citation();
            out.add(new Passage(out.size() + 1, cite.start(), cite.end(), "c-" + cite.start() + "-" + cite.end(), cite.quote(), group));
        }
        return out;
    }

    /**
     * Splits the section [from, to) of the text at every passage boundary. Offsets are Unicode code points; the text is
     * UTF-16, so the walk converts with offsetByCodePoints. Overlapping or nested passages give segments covered by several
     * marks; a passage's id sits on the mark of its first segment only, so each id is unique.
     */
    static List<Segment> segments(String text, int from, int to, List<Passage> passages) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(from, to));
        for (Passage p : passages) {
            cuts.add(Math.max(from, Math.min(to, p.start())));
            cuts.add(Math.max(from, Math.min(to, p.end())));
        }
        List<Segment> out = new ArrayList<>();
        int index = text.offsetByCodePoints(0, from);
        Integer previous = null;
        for (int cut : cuts) {
            if (previous != null) {
                int start = previous;
                int next = text.offsetByCodePoints(index, cut - start);
                List<Passage> covering = passages.stream().filter(p -> p.start() <= start && p.end() >= cut && p.start() < p.end())
                        // outermost first, so the marks nest the same way in every segment
                        .sorted((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()))
                        .toList();
                List<Mark> marks = covering.stream().map(p -> new Mark(p.start() == start ? p.anchor() : null, p.start() == start)).toList();
                List<Passage> ends = passages.stream().filter(p -> p.end() == cut && p.end() > from && p.start() < to).toList();
                out.add(new Segment(text.substring(index, next), marks, ends));
                index = next;
            }
            previous = cut;
        }
        return out;
    }
}
