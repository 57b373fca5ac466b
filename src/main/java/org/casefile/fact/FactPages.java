package org.casefile.fact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.account.SignedIn;
import org.casefile.account.WebSession;
import org.casefile.http.ETags;
import org.casefile.http.Params;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A fact's page, {@code /facts/{id}}: what it states and the passages it cites, every version with who, when and why,
 * the differences between two versions, and for editors the forms that correct it, rank it and restrict it. Each form carries the
 * ETag of the version the editor read; a form sent after someone else's change shows what changed since and offers
 * the same change again on the current version. It answers from {@link FactService}, the API's service.
 */
@Path("/facts/{id}")
@Produces(MediaType.TEXT_HTML)
public class FactPages {

    /**
     * A form as sent: which change (rank, visibility or correct), the version it was read at, what the editor chose and
     * wrote, and for a correction the fields as typed (by the name {@link FactInput} gives them) and the note.
     */
    public record ReviewForm(String change, int version, String rank, boolean restricted, String reason, String back,
                             Map<String, String> fields, String note) {

        FactService.Review review() {
            return "visibility".equals(change) ? new FactService.Review(null, restricted, reason) : new FactService.Review(rank, null, reason);
        }

        static ReviewForm of(MultivaluedMap<String, String> sent) {
            Map<String, String> fields = new LinkedHashMap<>();
            sent.forEach((name, values) -> {
                if (name.startsWith(FIELD) && !values.isEmpty()) {
                    fields.put(name.substring(FIELD.length()), values.get(0));
                }
            });
            return new ReviewForm(sent.getFirst("change"), Params.integer("version", sent.getFirst("version"), 0, 0, Integer.MAX_VALUE),
                    sent.getFirst("rank"), sent.getFirst("restricted") != null, sent.getFirst("reason"), sent.getFirst("back"), fields,
                    sent.getFirst("note"));
        }
    }

    /** The prefix of a correction form's field names: "field.start" is the fact's start. */
    static final String FIELD = "field.";

    /**
     * A field a correction may change: its name as {@link FactInput} takes it, its label, its value now, and whether it
     * is a yes-or-no (a checkbox).
     */
    public record Editable(String input, String label, String value, boolean flag) {
    }

    /**
     * Why a review was not stored. For a stale form ({@code stale}): the version the editor read, and what changed
     * between it and the current one.
     */
    public record Refusal(String title, String detail, boolean signIn, FactView read, List<VersionDifference> since) {
    }

    /** One field of what a fact states, and its value. */
    public record Statement(String what, String value, String href) {
    }

    /** What the page shows: the current version, every version, two of them compared, and a refused form if any. */
    public record FactPage(FactView fact, String etag, List<FactView> versions, FactView from, FactView to,
                           List<VersionDifference> differences, boolean restricted, String subject, ReviewForm form, Refusal refusal,
                           List<String> ranks, String csrf) {

        /** What the fact states: each field of its kind that has a value, in reading order. */
        public List<Statement> statements() {
            return editableOf(fact).stream().filter(e -> !e.value().isEmpty())
                    .map(e -> new Statement(e.label(), e.value(), e.input().equals("person") ? "/people/" + e.value() : null)).toList();
        }

        /** The rank the rank form shows chosen: the one the editor sent if it was refused, else the fact's. */
        public String chosenRank() {
            return form != null && "rank".equals(form.change()) && form.rank() != null ? form.rank() : fact.rank();
        }

        /** Whether the visibility form shows "restricted" ticked: as the editor sent it if refused, else as the fact is. */
        public boolean chosenRestricted() {
            return form != null && "visibility".equals(form.change()) ? form.restricted() : restricted;
        }

        /** The fields the correction form offers, as the editor typed them if it was refused, else as the fact states them. */
        public List<Editable> editable() {
            boolean typed = form != null && "correct".equals(form.change());
            return editableOf(fact).stream().map(e -> !typed ? e : new Editable(e.input(), e.label(),
                    e.flag() ? String.valueOf(form.fields().containsKey(e.input())) : form.fields().getOrDefault(e.input(), ""), e.flag()))
                    .toList();
        }

        /** The note the correction form shows: as typed if refused, else the fact's. */
        public String typedNote() {
            return form != null && "correct".equals(form.change()) ? (form.note() == null ? "" : form.note()) : fact.note() == null ? "" : fact.note();
        }

        /** The reason the editor typed in the form {@code change}, kept when refused. */
        public String typedReason(String change) {
            return form != null && change.equals(form.change()) && form.reason() != null ? form.reason() : "";
        }
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance fact(FactPage p);
    }

    private final FactService facts;
    private final SignedIn signedIn;
    private final ObjectMapper json;

    public FactPages(FactService facts, SignedIn signedIn, ObjectMapper json) {
        this.facts = facts;
        this.signedIn = signedIn;
        this.json = json;
    }

    @GET
    @Operation(hidden = true)
    public Response page(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        long factId = id(id);
        List<FactView> versions = facts.history(factId);
        int last = versions.get(versions.size() - 1).version();
        int toVersion = Params.integer("to", to, last, 1, last);
        int fromVersion = Params.integer("from", from, Math.max(1, toVersion - 1), 1, last);
        FactView older = versionOf(versions, fromVersion);
        FactView newer = versionOf(versions, toVersion);
        if (older == null || newer == null) {
            throw ProblemException.badParameter(older == null ? "from" : "to", "Fact " + factId + " has versions "
                    + versions.stream().map(v -> String.valueOf(v.version())).collect(java.util.stream.Collectors.joining(", ")) + ".");
        }
        return page(200, versions, older, newer, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response review(@PathParam("id") String id, MultivaluedMap<String, String> sent) {
        long factId = id(id);
        ReviewForm form = ReviewForm.of(sent);
        String etag = sent.getFirst("etag");
        ProblemException refused = signedIn.send(sent.getFirst(WebSession.CSRF_FIELD), "this fact", () -> {
            if ("correct".equals(form.change())) {
                facts.update(factId, correction(facts.get(factId), form), etag);
            } else {
                facts.review(factId, form.review(), etag);
            }
        });
        if (refused != null) {
            List<FactView> versions = facts.history(factId);
            // Changed since the form was read: what changed between the version read and the current one.
            FactView read = refused.status() == 412 ? versionOf(versions, form.version()) : null;
            Refusal refusal = new Refusal(refused.title(), refused.getMessage(), refused.status() == 401, read,
                    read == null ? List.of() : VersionDifference.between(read, versions.get(versions.size() - 1)));
            return refused(versions, form, refusal, refused.status());
        }
        String next = form.back() == null || form.back().isBlank() ? "/facts/" + factId : WebSession.localPath(form.back());
        return Response.seeOther(URI.create(next)).build();
    }

    /**
     * The fact as the correction form says it should now read, in the shape PUT /api/facts/{id} takes: the fields as
     * typed, everything else (its passages, rank, visibility) as it is now.
     */
    private FactInput correction(FactView current, ReviewForm form) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("type", current.kind());
        for (Editable e : editableOf(current)) {
            String typed = form.fields().get(e.input());
            if (e.flag()) {
                in.put(e.input(), typed != null);
            } else if (typed != null && !typed.isBlank()) {
                in.put(e.input(), typed.strip());
            }
        }
        in.put("note", form.note() == null || form.note().isBlank() ? null : form.note().strip());
        in.put("rank", current.rank());
        in.put("rankReason", current.rankReason());
        in.put("derived", current.derived());
        in.put("derivation", current.derivation());
        in.put("restricted", current.fields().path("restricted").asBoolean(false));
        in.put("citations", current.citations().stream().map(c -> {
            Map<String, String> cite = new LinkedHashMap<>();
            cite.put("source", c.source());
            cite.put("quote", c.quote());
            cite.put("prefix", c.prefix());
            cite.put("suffix", c.suffix());
            return cite;
        }).toList());
        in.put("reason", form.reason());
        try {
            return json.convertValue(in, FactInput.class);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "Fact cannot be recorded", "A field holds what it cannot: a number is written in digits ("
                    + e.getMessage().replaceAll("\\(through reference chain.*", "").strip() + ").");
        }
    }

    /** The order a fact's fields are read in: who or what it is about, what it states, then when and where. */
    private static final List<String> READING_ORDER = List.of("person", "organization", "incident", "case", "id", "incidentType",
            "title", "name", "form", "state", "charge", "stage", "role", "former", "country", "value", "qualifier", "counted",
            "category", "start", "end", "date", "asOf", "confirmed", "court", "place", "description", "outcome", "sentence",
            "sentenceYears", "inAbsentia");

    /** The fields of a fact a correction may change, in reading order: every column of its kind's table but the derived ones. */
    static List<Editable> editableOf(FactView fact) {
        List<Editable> out = new ArrayList<>();
        fact.fields().fields().forEachRemaining(f -> {
            String input = inputOf(f.getKey());
            if (input != null) {
                out.add(new Editable(input, VersionDifference.label(f.getKey()),
                        f.getValue().isNull() ? "" : VersionDifference.text(f.getValue()), f.getValue().isBoolean()));
            }
        });
        out.sort(java.util.Comparator.comparingInt(e -> READING_ORDER.contains(e.input()) ? READING_ORDER.indexOf(e.input()) : READING_ORDER.size()));
        return out;
    }

    /** The name {@link FactInput} gives the value of a column of a kind's table; null for a column derived from others. */
    static String inputOf(String column) {
        if (column.endsWith("_lower") || column.endsWith("_upper") || column.equals("restricted")) {
            return null;
        }
        return switch (column) {
            case "person_id" -> "person";
            case "organization_id" -> "organization";
            case "incident_id" -> "incident";
            case "legal_case_id" -> "case";
            case "confirmed_on" -> "confirmed";
            case "name_as_written" -> "name";
            case "incident_type" -> "incidentType";
            case "in_absentia" -> "inAbsentia";
            case "sentence_years" -> "sentenceYears";
            default -> column.endsWith("_edtf") ? camel(column.substring(0, column.length() - 5)) : column;
        };
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private Response refused(List<FactView> versions, ReviewForm form, Refusal refusal, int status) {
        FactView current = versions.get(versions.size() - 1);
        FactView from = refusal.read() != null ? refusal.read() : versions.size() > 1 ? versions.get(versions.size() - 2) : current;
        return page(status, versions, from, current, form, refusal);
    }

    private Response page(int status, List<FactView> versions, FactView from, FactView to, ReviewForm form, Refusal refusal) {
        FactView current = versions.get(versions.size() - 1);
        boolean restricted = current.fields().path("restricted").asBoolean(false);
        String subject = current.fields().path("person_id").asText(null);
        FactPage page = new FactPage(current, ETags.of(current).toString(), versions, from, to, VersionDifference.between(from, to),
                restricted, subject, form, refusal, FactService.RANKS, signedIn.csrf());
        return PageResponse.of(status, Templates.fact(page));
    }

    /** The version numbered {@code version}, or null if the fact never had it. */
    private static FactView versionOf(List<FactView> versions, int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
    }

    private static long id(String raw) {
        return Params.integer("id", raw, -1, 1, Integer.MAX_VALUE);
    }
}
