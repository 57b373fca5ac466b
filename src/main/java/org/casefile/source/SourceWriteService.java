package org.casefile.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.casefile.citation.CitationLocator;
import org.casefile.db.Sql;
import org.casefile.edtf.Edtf;
import org.casefile.edtf.EdtfException;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.Source;
import org.casefile.fact.SourceText;
import org.casefile.http.ETags;
import org.casefile.problem.ProblemException;
import org.casefile.security.Actor;

/** Stores new sources verbatim, and suggests what in them names known people and organisations. */
@ApplicationScoped
public class SourceWriteService {

    static final Set<String> KINDS = Set.of("letter", "joint_letter", "joint_statement", "constituent_letter", "news_article",
            "un_statement", "report", "other");

    private final EntityManager em;
    private final Actor actor;
    private final SourceService sources;

    public SourceWriteService(EntityManager em, Actor actor, SourceService sources) {
        this.em = em;
        this.actor = actor;
        this.sources = sources;
    }

    @Transactional
    public SourceViews.Detail create(NewSource in) {
        String by = actor.declareWriter();
        if (in == null) {
            throw new ProblemException(400, "Missing body", "Send the source as JSON: {\"title\", \"kind\", \"date\", \"text\"}.");
        }
        if (in.text() == null || in.text().isBlank()) {
            throw new ProblemException(422, "Text required", "A source is its verbatim text: send it in 'text'.");
        }
        if (in.title() == null || in.title().isBlank()) {
            throw new ProblemException(422, "Title required", "Give the source a title.");
        }
        if (in.kind() == null || !KINDS.contains(in.kind())) {
            throw new ProblemException(422, "Invalid kind", "kind must be one of " + String.join(", ", KINDS.stream().sorted().toList()) + ".",
                    Map.of("accepted", KINDS.stream().sorted().toList()));
        }
        String sha = SourceText.sha256(in.text());
        List<String> existing = em.createQuery("select s.id from Source s where s.text.sha256 = :sha order by s.id", String.class)
                .setParameter("sha", sha).getResultList();
        if (!existing.isEmpty()) {
            throw new ProblemException(409, "Source exists",
                    "This exact text is stored already, as source '" + existing.get(0) + "' (/api/sources/" + existing.get(0) + ").",
                    Map.of("existing", existing.get(0), "sha256", sha));
        }
        Source s = new Source();
        try {
            s.date = in.date() == null ? EdtfRange.NONE : EdtfRange.of(Edtf.parse(in.date()));
        } catch (EdtfException e) {
            throw new ProblemException(422, "Invalid date", "date: " + e.getMessage());
        }
        SourceText text = SourceText.of(in.originFile(), in.text());
        em.persist(text);
        s.id = uniqueId(slug(in.title() + (s.date.edtf() == null ? "" : " " + s.date.edtf())));
        s.text = text;
        s.sectionStart = 0;
        s.sectionEnd = text.length;
        s.title = in.title().trim();
        s.kind = in.kind();
        s.dateNote = in.dateNote();
        s.restricted = Boolean.TRUE.equals(in.restricted());
        s.authors = in.authors() == null ? new ArrayList<>() : new ArrayList<>(in.authors());
        s.recipients = in.recipients() == null ? new ArrayList<>() : new ArrayList<>(in.recipients());
        s.recordedBy = by;
        s.changeReason = "created";
        em.persist(s);
        em.flush();
        return sources.get(s.id);
    }

    public record Mention(String type, String id, String name, int start, int end) {
    }

    /** Every name form of a person, and every organisation's name and acronym (of two letters or more). */
    private static final Sql NAMES = Sql.of("""
            select distinct 'person' as type, person_id as id, name from person_name
            union select 'organization', id, name from organization
            union select 'organization', id, acronym from organization where char_length(acronym) >= 2""");

    /** Every known name form of a person and every organisation name or acronym that stands in the source, in text order. */
    @Transactional
    @org.casefile.security.ReadsAsCaller
    public List<Mention> mentions(String id) {
        Source s = sources.find(id);
        String text = s.text.text;
        List<Mention> found = new ArrayList<>();
        record Name(String type, String id, String name) {
        }
        for (Name n : NAMES.in(em).list(r -> new Name(r.text("type"), r.text("id"), r.text("name")))) {
            for (CitationLocator.Passage p : CitationLocator.findAll(text, s.sectionStart, s.sectionEnd, n.name())) {
                found.add(new Mention(n.type(), n.id(), n.name(), p.start(), p.end()));
            }
        }
        found.sort(Comparator.comparingInt(Mention::start).thenComparing(Mention::end, Comparator.reverseOrder())
                .thenComparing(Mention::id));
        return found;
    }

    private static final Sql LOCK = Sql.of("select id from source where id = :id for update");
    private static final Sql RESTRICT = Sql.of("""
            update source set restricted = :restricted, recorded_by = :by, change_reason = :why where id = :id""");

    /**
     * Restricts the source (and so every fact that only it states) or publishes it: a new version of its metadata, with
     * a reason, if the client holds the current one.
     */
    @Transactional
    public SourceViews.Detail restrict(String id, boolean restricted, String reason, String ifMatch) {
        String by = actor.declareWriter();
        String why = Actor.requireReason(reason);
        if (LOCK.in(em).bind("id", id).first(r -> r.text("id")).isEmpty()) {
            throw ProblemException.notFound("Source", id);
        }
        ETags.requireMatch(ifMatch, sources.get(id), "Source " + id);
        RESTRICT.in(em).bind("restricted", restricted).bind("by", by).bind("why", why).bind("id", id).update();
        em.clear();
        return sources.get(id);
    }

    private String uniqueId(String base) {
        String candidate = base;
        for (int n = 2; em.find(Source.class, candidate) != null; n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /** A readable id: lower-case ASCII words joined by hyphens. */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "source" : slug;
    }
}
