package org.casefile.custody;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything a person's status on any day is answered from: their runs as PostgreSQL judged them (cf_custody_runs),
 * each with the bases it counts under (cf_custody_in_basis), and their claims with citations. Kept beside the public
 * person document, so that the public's status question is a key lookup and the choice of the run covering the day;
 * the judging stays PostgreSQL's.
 */
public record StatusMaterial(List<BasedRun> runs, List<StatusView.Claim> claims) {

    /** A run of days with one judgement, and the bases under which it is the answer (else the day is unknown). */
    public record BasedRun(StatusView.Run run, List<String> bases) {

        boolean answers(LocalDate day, String basis) {
            // No first day: the run covers every day before its last (a claim whose start no source dates).
            return bases.contains(basis) && (run.from() == null || !day.isBefore(run.from()))
                    && (run.to() == null || !day.isAfter(run.to()));
        }
    }

    /** The status on {@code day} under {@code basis}: the run covering the day, else unknown with the nearest claims. */
    public StatusView on(String personId, LocalDate day, String basis) {
        StatusView.Run run = runs.stream().filter(r -> r.answers(day, basis)).map(BasedRun::run).findFirst().orElse(null);
        StatusService.Judgement judged = run == null ? StatusService.Judgement.unknown(personId)
                : new StatusService.Judgement(personId, run.status(), run.certainty(), run.since(), run.lastConfirmed(),
                        run.presumedSince(), run.disputed(), run.facts(), List.of(), null);
        return answer(personId, day, basis, judged, claims);
    }

    /** The answer from a judgement of the day and the person's claims (those it rests on among them). */
    static StatusView answer(String personId, LocalDate day, String basis, StatusService.Judgement judged,
                             Collection<StatusView.Claim> claims) {
        Map<Long, StatusView.Claim> byFact = claims.stream()
                .collect(Collectors.toMap(StatusView.Claim::factId, Function.identity()));
        boolean unknown = judged.facts().isEmpty();
        return new StatusView(personId, day, basis, judged.status(), judged.certainty(), judged.since(),
                judged.lastConfirmed(), judged.presumedSince(), judged.disputed(),
                judged.facts().stream().map(id -> bearing(byFact.get(id), day, judged)).toList(),
                unknown ? nearest(claims, day).stream().map(c -> bearing(c, day, null)).toList() : null);
    }

    /** The claim as shown, with how it bears on the day: covering it definitely or possibly, presumed from it. */
    private static StatusView.Claim bearing(StatusView.Claim c, LocalDate day, StatusService.Judgement judged) {
        String certainty = covers(c.definiteFrom(), c.definiteTo(), day) ? "definite"
                : covers(c.possibleFrom(), c.possibleTo(), day) ? "possible"
                : judged != null && judged.certainty().equals("presumed") ? "presumed" : null;
        return new StatusView.Claim(c.factId(), c.state(), c.start(), c.end(), c.confirmed(), c.definiteFrom(),
                c.definiteTo(), c.possibleFrom(), c.possibleTo(), c.rank(), certainty, c.citations());
    }

    /** When nothing gives a status on the day: the claims that stop covering last before it and begin first after it. */
    private static List<StatusView.Claim> nearest(Collection<StatusView.Claim> claims, LocalDate day) {
        List<StatusView.Claim> dated = claims.stream()
                .filter(c -> !c.rank().equals("deprecated") && c.possibleFrom() != null).toList();
        List<StatusView.Claim> out = new ArrayList<>();
        dated.stream().filter(c -> c.possibleTo() != null && c.possibleTo().isBefore(day))
                .max(Comparator.comparing(StatusView.Claim::possibleTo).thenComparing(c -> -c.factId()))
                .ifPresent(out::add);
        dated.stream().filter(c -> c.possibleFrom().isAfter(day))
                .min(Comparator.comparing(StatusView.Claim::possibleFrom).thenComparing(StatusView.Claim::factId))
                .ifPresent(out::add);
        return out;
    }

    /** Whether a claim's days from..to (none when from is null; open after when to is null) hold {@code day}. */
    private static boolean covers(LocalDate from, LocalDate to, LocalDate day) {
        return from != null && !day.isBefore(from) && (to == null || !day.isAfter(to));
    }
}
