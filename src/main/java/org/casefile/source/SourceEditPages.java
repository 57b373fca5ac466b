package org.casefile.source;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.casefile.account.SignedIn;
import org.casefile.account.WebSession;
import org.casefile.problem.ProblemException;
import org.casefile.web.PageResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A new letter from the browser: the form of POST /api/sources, stored by the same write path
 * ({@link SourceWriteService#create}), refused with the same reasons, shown beside the fields kept as typed.
 */
@Path("/sources/new")
@Produces(MediaType.TEXT_HTML)
public class SourceEditPages {

    /** The form as typed, so a refusal loses nothing. */
    public record LetterForm(String title, String kind, String date, String dateNote, String text, String authors,
                             String recipients, boolean restricted) {
    }

    /**
     * Why the letter was not stored: the source that holds its text already, if that was why, and whether the editor
     * must sign in again first.
     */
    public record Refusal(String title, String detail, String existing, boolean signIn) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance newLetter(LetterForm form, List<String> kinds, String csrf, Refusal refusal);
    }

    private static final List<String> KINDS = SourceWriteService.KINDS.stream().sorted().toList();
    private static final LetterForm EMPTY = new LetterForm("", "letter", "", "", "", "", "", false);

    private final SourceWriteService writes;
    private final SignedIn signedIn;

    public SourceEditPages(SourceWriteService writes, SignedIn signedIn) {
        this.writes = writes;
        this.signedIn = signedIn;
    }

    @GET
    @Operation(hidden = true)
    public Response form() {
        if (!signedIn.editor()) {
            return WebSession.signInFirst("/sources/new");
        }
        return page(200, EMPTY, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(@FormParam(WebSession.CSRF_FIELD) String csrf, @FormParam("title") String title,
                           @FormParam("kind") String kind, @FormParam("date") String date, @FormParam("dateNote") String dateNote,
                           @FormParam("text") String text, @FormParam("authors") String authors,
                           @FormParam("recipients") String recipients, @FormParam("restricted") String restricted) {
        // A refused form is shown again as typed: a session that ended while the editor wrote loses nothing.
        LetterForm form = new LetterForm(title, kind, date, dateNote, text, authors, recipients, restricted != null);
        ProblemException refused = signedIn.formRefusal(csrf);
        if (refused != null) {
            return page(refused.status(), form, new Refusal(refused.title(), refused.getMessage(), null, refused.status() == 401));
        }
        try {
            SourceViews.Detail created = writes.create(new NewSource(title, kind, blankIsNull(date), blankIsNull(dateNote),
                    text == null ? null : text.replace("\r\n", "\n"), null, lines(authors), lines(recipients), form.restricted()));
            return Response.seeOther(URI.create("/sources/" + created.id())).build();
        } catch (ProblemException e) {
            Object existing = e.extensions().get("existing");
            return page(e.status(), form, new Refusal(e.title(), e.getMessage(), existing == null ? null : existing.toString(), false));
        }
    }

    private Response page(int status, LetterForm form, Refusal refusal) {
        return PageResponse.of(status, Templates.newLetter(form, KINDS, signedIn.csrf(), refusal));
    }

    /** One name a line, blank lines left out. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankIsNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
