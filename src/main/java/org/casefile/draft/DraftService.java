package org.casefile.draft;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.casefile.count.CountParameters;
import org.casefile.count.CountService;
import org.casefile.count.CountViews;
import org.casefile.custody.Basis;
import org.casefile.custody.StatusService;
import org.casefile.custody.StatusView;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.CitationView;
import org.casefile.fact.Person;
import org.casefile.fact.Source;
import org.casefile.figure.FigureResource;
import org.casefile.figure.FigureService;
import org.casefile.figure.FigureViews;
import org.casefile.problem.MergedException;
import org.casefile.problem.ProblemException;
import org.casefile.security.ReadsAsCaller;
import org.casefile.source.SourceService;

/**
 * Renders a draft: every placeholder is evaluated against the data in one transaction, and every number and name it
 * states is followed by footnote markers to the passages it rests on. Footnotes are numbered in order of first use
 * and shared by every claim the same passage backs. Any placeholder that cannot be rendered refuses the whole draft.
 */
@ApplicationScoped
@Transactional
@ReadsAsCaller
public class DraftService {

    /** More names than this in one {{list}} is not a sentence for a letter; narrow it or use {{count}}. */
    static final int MAX_LIST = 200;

    private static final DateTimeFormatter LETTER_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final Map<String, Set<String>> ACCEPTED = Map.of(
            "asOf", Set.of(),
            "count", Set.copyOf(CountParameters.NAMES),
            "list", Set.copyOf(CountParameters.NAMES),
            "figure", Set.of("id", "source", "category", "q", "from", "to", "show"),
            "person", Set.of("id", "basis"));

    /** Each placeholder's name and the filters it accepts, for the draft composer's list. */
    public static Map<String, Set<String>> placeholders() {
        return ACCEPTED;
    }

    private final EntityManager em;
    private final CountService counts;
    private final CountParameters countParameters;
    private final FigureService figures;
    private final SourceService sources;
    private final StatusService statuses;

    public DraftService(EntityManager em, CountService counts, CountParameters countParameters, FigureService figures,
                        SourceService sources, StatusService statuses) {
        this.em = em;
        this.counts = counts;
        this.countParameters = countParameters;
        this.figures = figures;
        this.sources = sources;
        this.statuses = statuses;
    }

    public DraftViews.Draft render(Template template, LocalDate asOf, DraftFormat format, OffsetDateTime knownAt, boolean notes) {
        OffsetDateTime readAt = counts.readAt();
        Rendering r = new Rendering(format);
        List<DraftViews.Rendered> rendered = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text t) {
                body.append(t.text());
            } else if (part instanceof Template.Placeholder p) {
                DraftViews.Rendered out = evaluate(p, asOf, knownAt, r);
                body.append(out.text());
                rendered.add(out);
            }
        }
        List<DraftViews.Footnote> footnotes = r.footnotes();
        if (notes && !footnotes.isEmpty()) {
            body.append(format.notes(footnotes));
        }
        return new DraftViews.Draft(body.toString(), format.id(), asOf, readAt, knownAt, footnotes, rendered, r.warnings);
    }

    private DraftViews.Rendered evaluate(Template.Placeholder p, LocalDate asOf, OffsetDateTime knownAt, Rendering r) {
        Set<String> accepted = ACCEPTED.get(p.name());
        if (accepted == null) {
            throw p.problem("unknown placeholder '" + p.name() + "'. Known: asOf, count, list, figure, person (README, 'For letter writers').");
        }
        for (String key : p.arguments().keySet()) {
            if (!accepted.contains(key)) {
                throw p.problem("unknown filter '" + key + "' for {{" + p.name() + "}}; "
                        + (accepted.isEmpty() ? "it takes none." : "it accepts " + String.join(", ", accepted.stream().sorted().toList()) + "."), key);
            }
        }
        if (!p.words().isEmpty() && !(p.name().equals("person") && p.words().size() == 1 && !p.arguments().containsKey("id"))) {
            throw p.problem("unexpected '" + String.join(" ", p.words()) + "': write filters as key=value"
                    + (p.name().equals("person") ? " or the person's id alone, e.g. {{person rong-chhun}}." : "."));
        }
        try {
            return switch (p.name()) {
                case "asOf" -> r.plain(p, letterDate(asOf));
                case "count" -> count(p, asOf, knownAt, r);
                case "list" -> list(p, asOf, knownAt, r);
                case "figure" -> figure(p, r);
                default -> person(p, asOf, knownAt, r);
            };
        } catch (ProblemException e) {
            if (e.extensions().containsKey("placeholder")) {
                throw e;
            }
            Object parameter = e.extensions().get("parameter");
            throw p.problem(e.getMessage(), parameter == null ? null : parameter.toString());
        } catch (MergedException e) {
            throw p.problem("person '" + e.id + "' was merged into '" + e.into + "'; write {{person " + e.into + "}}.", "id");
        }
    }

    private DraftViews.Rendered count(Template.Placeholder p, LocalDate asOf, OffsetDateTime knownAt, Rendering r) {
        Counted c = counted(p, asOf, knownAt, r);
        if (c.people().isEmpty()) {
            r.warnings.add(p.raw() + " at line " + p.line() + ", column " + p.column() + " counts no one on " + asOf
                    + ": no source " + (c.question().basis().equals(Basis.CONFIRMED) ? "confirms" : "confirms or last reported")
                    + " anyone in " + String.join(", ", c.question().definition().states()) + " on that day.");
        }
        List<CitationView> citations = c.people().stream().flatMap(x -> x.citations().stream()).toList();
        return r.cited(p, Long.toString(c.people().size()), citations, c);
    }

    private DraftViews.Rendered list(Template.Placeholder p, LocalDate asOf, OffsetDateTime knownAt, Rendering r) {
        Counted c = counted(p, asOf, knownAt, r);
        if (c.people().size() > MAX_LIST) {
            throw p.problem("it would name " + c.people().size() + " people; a list names at most " + MAX_LIST
                    + ". Narrow it (definition, affiliation, citizenship, incidentType) or write {{count ...}} instead.");
        }
        if (c.people().isEmpty()) {
            r.warnings.add(p.raw() + " at line " + p.line() + ", column " + p.column() + " names no one on " + asOf + ".");
            return r.plain(p, "no one");
        }
        List<String> names = new ArrayList<>();
        for (CountViews.CountedPerson person : c.people()) {
            // A presumed status is labelled where the name stands: the reader sees how old the evidence is.
            String label = person.certainty().equals("presumed") && person.lastConfirmed() != null
                    ? " (last reported on " + letterDate(person.lastConfirmed()) + ")" : "";
            names.add(r.format.escape(person.name()) + label + r.markers(person.citations()));
        }
        return r.finish(p, joinAsInALetter(names), c);
    }

    /** The people a {{count}} or {{list}} names under its basis, both totals, and a warning when some are presumed. */
    private Counted counted(Template.Placeholder p, LocalDate asOf, OffsetDateTime knownAt, Rendering r) {
        CountService.Question q = countParameters.question(p.arguments(), asOf, knownAt);
        CountService.Everyone everyone = counts.everyone(q);
        CountViews.Totals totals = everyone.totals();
        List<LocalDate> presumed = everyone.people().stream().filter(x -> x.certainty().equals("presumed"))
                .map(CountViews.CountedPerson::lastConfirmed).filter(java.util.Objects::nonNull).sorted().toList();
        if (q.basis().equals(Basis.LAST_KNOWN) && totals.lastKnown() > totals.confirmed()) {
            r.warnings.add(p.raw() + " at line " + p.line() + ", column " + p.column() + " counts " + (totals.lastKnown() - totals.confirmed())
                    + " of " + totals.lastKnown() + " people by their last known status: no source confirms it on " + asOf
                    + (presumed.isEmpty() ? "" : "; the oldest was last confirmed on " + presumed.get(0))
                    + ". Confirmed on the day: " + totals.confirmed() + " (write basis=confirmed for that figure).");
        }
        return new Counted(q, everyone.people(), totals);
    }

    private record Counted(CountService.Question question, List<CountViews.CountedPerson> people, CountViews.Totals totals) {
    }

    private DraftViews.Rendered figure(Template.Placeholder p, Rendering r) {
        Map<String, String> a = p.arguments();
        String show = a.getOrDefault("show", "number");
        if (!Set.of("number", "full").contains(show)) {
            throw p.problem("'show' must be number (e.g. at least 24) or full (the number with what was counted); got '" + show + "'.", "show");
        }
        FigureViews figure;
        if (a.containsKey("id")) {
            if (a.size() > (a.containsKey("show") ? 2 : 1)) {
                throw p.problem("give either id or filters (source, category, q, from, to), not both.", "id");
            }
            try {
                figure = figures.get(Long.parseLong(a.get("id")));
            } catch (NumberFormatException e) {
                throw p.problem("'id' must be a figure's number from GET /api/figures; got '" + a.get("id") + "'.", "id");
            }
        } else {
            List<FigureViews> found = figures.all(FigureResource.search(a.get("source"), a.get("from"), a.get("to"), a.get("q"),
                    a.get("category"), sources));
            if (found.size() != 1) {
                throw p.problem(found.isEmpty()
                        ? "no reported figure matches; GET /api/figures lists them with their ids."
                        : found.size() + " reported figures match (ids " + String.join(", ", found.stream().limit(10)
                                .map(f -> Long.toString(f.id())).toList()) + "); narrow the filters or give id=.");
            }
            figure = found.get(0);
        }
        String text = show.equals("full") ? figure.stated() + " " + figure.counted() : figure.stated();
        return r.cited(p, r.format.escape(text), figure.citations(), figure.value());
    }

    private DraftViews.Rendered person(Template.Placeholder p, LocalDate asOf, OffsetDateTime knownAt, Rendering r) {
        String id = p.arguments().getOrDefault("id", p.words().isEmpty() ? null : p.words().get(0));
        if (id == null) {
            throw p.problem("name the person by id, e.g. {{person rong-chhun}}.", "id");
        }
        Person person = em.find(Person.class, id);
        if (person == null) {
            throw p.problem("no person has the id '" + id + "'; GET /api/persons?q=<name> finds ids.", "id");
        }
        StatusView status = statuses.status(id, asOf, knownAt, Basis.of("basis", p.arguments().get("basis")));
        String name = r.format.escape(person.name);
        String date = letterDate(asOf);
        if (status.claims() != null && !status.claims().isEmpty()) {
            List<CitationView> citations = status.claims().stream().flatMap(c -> c.citations().stream()).toList();
            String sentence = switch (status.certainty()) {
                case "definite" -> name + " was " + phrase(status.status()) + " on " + date;
                case "presumed" -> name + " was last reported " + phrase(status.status())
                        + (status.lastConfirmed() == null ? "" : " on " + letterDate(status.lastConfirmed()))
                        + "; no later source in Casefile reports otherwise as of " + date;
                default -> name + " may have been " + phrase(status.status()) + " on " + date + " (the sources date it only imprecisely)";
            };
            if (status.disputed()) {
                sentence += "; the sources disagree";
            }
            return r.finish(p, sentence + r.markers(citations), null, null, null, null);
        }
        StatusView.Claim before = status.nearest() == null ? null : status.nearest().stream()
                .filter(c -> c.possibleTo() != null && !c.possibleTo().isAfter(asOf)).findFirst().orElse(null);
        if (before == null) {
            return r.plain(p, "No source in Casefile confirms " + name + "'s status on " + date);
        }
        String when = before.definiteTo() != null ? letterDate(before.definiteTo()) : before.end() != null ? before.end() : before.start();
        return r.finish(p, "No source in Casefile confirms " + name + "'s status on " + date + "; the latest, of " + when
                + ", reports " + name + " " + phrase(before.state()) + r.markers(before.citations()), null, null, null, null);
    }

    static String phrase(String state) {
        return switch (state) {
            case "arrested" -> "under arrest";
            case "pretrial_detention" -> "in pre-trial detention";
            case "imprisoned" -> "in prison";
            case "house_arrest" -> "under house arrest";
            case "judicial_supervision" -> "under judicial supervision";
            case "released_on_bail" -> "released on bail";
            case "released" -> "released";
            case "convicted_in_absentia" -> "convicted in absentia";
            case "wanted" -> "wanted by the authorities";
            case "in_exile" -> "in exile";
            case "deceased" -> "deceased";
            default -> state;
        };
    }

    static String letterDate(LocalDate day) {
        return LETTER_DATE.format(day);
    }

    /** "A", "A and B", "A, B and C". */
    static String joinAsInALetter(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The footnotes of one draft, numbered in order of first use, one per passage. */
    private final class Rendering {
        final DraftFormat format;
        final Map<String, DraftViews.Footnote> byPassage = new LinkedHashMap<>();
        final Map<String, Source> sourceCache = new HashMap<>();
        final List<String> warnings = new ArrayList<>();

        Rendering(DraftFormat format) {
            this.format = format;
        }

        List<DraftViews.Footnote> footnotes() {
            return List.copyOf(byPassage.values());
        }

        /** The footnote numbers the placeholder being rendered has used so far. */
        final List<Integer> used = new ArrayList<>();

        /** Markers for these passages, each numbered on first use and reused after. */
        String markers(List<CitationView> citations) {
            StringBuilder out = new StringBuilder();
            List<Integer> here = new ArrayList<>();
            for (CitationView c : citations) {
                String key = c.source() + ":" + c.start() + "-" + c.end();
                int n = byPassage.computeIfAbsent(key, k -> footnote(byPassage.size() + 1, c)).n();
                if (!here.contains(n)) {
                    here.add(n);
                    out.append(format.marker(n));
                }
                if (!used.contains(n)) {
                    used.add(n);
                }
            }
            return out.toString();
        }

        private DraftViews.Footnote footnote(int n, CitationView c) {
            Source s = sourceCache.computeIfAbsent(c.source(), id -> em.find(Source.class, id));
            String text = s.text.text;
            String passage = text.substring(text.offsetByCodePoints(0, c.start()), text.offsetByCodePoints(0, c.end()));
            return new DraftViews.Footnote(n, s.id, s.title, EdtfRange.orNone(s.date).edtf(), passage, c.start(), c.end());
        }

        DraftViews.Rendered plain(Template.Placeholder p, String text) {
            return finish(p, text, null, null, null, null);
        }

        DraftViews.Rendered cited(Template.Placeholder p, String value, List<CitationView> citations, Long number) {
            return finish(p, value + markers(citations), null, number, null, null);
        }

        DraftViews.Rendered cited(Template.Placeholder p, String value, List<CitationView> citations, Counted c) {
            return finish(p, value + markers(citations), c);
        }

        DraftViews.Rendered finish(Template.Placeholder p, String text, Counted c) {
            return finish(p, text, c.question().definition(), (long) c.people().size(), c.question().basis(), c.totals());
        }

        /** The placeholder's rendering with the footnotes its markers use. */
        DraftViews.Rendered finish(Template.Placeholder p, String text, CountViews.Definition definition, Long number,
                                   String basis, CountViews.Totals totals) {
            List<Integer> footnotes = List.copyOf(used);
            used.clear();
            return new DraftViews.Rendered(p.raw(), p.position(), p.line(), p.column(), text, footnotes, definition, number,
                    basis, totals);
        }
    }
}
