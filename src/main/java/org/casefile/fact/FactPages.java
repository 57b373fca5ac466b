package org.casefile.fact;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.casefile.account.SignedIn;
import org.casefile.account.WebSession;
import org.casefile.http.ETags;
import org.casefile.http.Params;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A fact's page, {@code /facts/{id}}: what it states and the passages it cites, every version with who, when and why,
 * the differences between two versions, and for editors the forms that rank it and restrict it. Each form carries the
 * ETag of the version the editor read; a form sent after someone else's change shows what changed since and offers
 * the same change again on the current version. It answers from {@link FactService}, the API's service.
 */
@Path("/facts/{id}")
@Produces(MediaType.TEXT_HTML)
public class FactPages {

    /** A review form as sent: which form, the version it was read at, and what the editor chose and wrote. */
    public record ReviewForm(String change, int version, String rank, boolean restricted, String reason, String back) {

        FactService.Review review() {
            return "visibility".equals(change) ? new FactService.Review(null, restricted, reason) : new FactService.Review(rank, null, reason);
        }
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

        /** What the fact states: each field of its kind that has a value, as stored (keys and visibility left out). */
        public List<Statement> statements() {
            List<Statement> out = new java.util.ArrayList<>();
            fact.fields().fields().forEachRemaining(f -> {
                if (!f.getValue().isNull() && !f.getKey().equals("restricted")) {
                    String value = VersionDifference.text(f.getValue());
                    out.add(new Statement(VersionDifference.label(f.getKey()), value,
                            f.getKey().equals("person_id") ? "/people/" + value : null));
                }
            });
            return out;
        }

        /** The rank the rank form shows chosen: the one the editor sent if it was refused, else the fact's. */
        public String chosenRank() {
            return form != null && "rank".equals(form.change()) && form.rank() != null ? form.rank() : fact.rank();
        }

        /** Whether the visibility form shows "restricted" ticked: as the editor sent it if refused, else as the fact is. */
        public boolean chosenRestricted() {
            return form != null && "visibility".equals(form.change()) ? form.restricted() : restricted;
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

    public FactPages(FactService facts, SignedIn signedIn) {
        this.facts = facts;
        this.signedIn = signedIn;
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
    public Response review(@PathParam("id") String id, @FormParam(WebSession.CSRF_FIELD) String csrf, @FormParam("etag") String etag,
                           @FormParam("change") String change, @FormParam("version") String version, @FormParam("rank") String rank,
                           @FormParam("restricted") String restricted, @FormParam("reason") String reason, @FormParam("back") String back) {
        long factId = id(id);
        ReviewForm form = new ReviewForm(change, Params.integer("version", version, 0, 0, Integer.MAX_VALUE), rank,
                restricted != null, reason, back);
        ProblemException refused = signedIn.formRefusal(csrf);
        if (refused != null) {
            return refused(factId, form, new Refusal(refused.title(), refused.getMessage(), refused.status() == 401, null, null), refused.status());
        }
        try {
            facts.review(factId, form.review(), etag);
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            Refusal refusal = new Refusal(e.title(), e.getMessage(), false, null, null);
            if (e.status() == 412 || e.status() == 428) {
                // Someone changed the fact after this form was read: what changed since, and the same change offered again.
                List<FactView> versions = facts.history(factId);
                FactView read = versionOf(versions, form.version());
                refusal = new Refusal("Changed since you read it", "Someone changed this fact after you opened the form, so your change "
                        + "was not stored. Here is what changed since; send your change again below if it still holds.", false, read,
                        read == null ? List.of() : VersionDifference.between(read, versions.get(versions.size() - 1)));
            }
            return refused(factId, form, refusal, e.status() == 428 ? 412 : e.status());
        }
        String next = back == null || back.isBlank() ? "/facts/" + factId : WebSession.localPath(back);
        return Response.seeOther(URI.create(next)).build();
    }

    private Response refused(long factId, ReviewForm form, Refusal refusal, int status) {
        List<FactView> versions = facts.history(factId);
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
        return Response.fromResponse(PageResponse.of(status, Templates.fact(page)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** The version numbered {@code version}, or null if the fact never had it. */
    private static FactView versionOf(List<FactView> versions, int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
    }

    private static long id(String raw) {
        return Params.integer("id", raw, -1, 1, Integer.MAX_VALUE);
    }
}
