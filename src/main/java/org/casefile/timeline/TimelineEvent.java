package org.casefile.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.casefile.edtf.EdtfDate;

/**
 * One row of the timeline as read from the database: an incident, the start or end of a custody period, a
 * dated charge, a reported figure or a source's publication. {@code earliest}/{@code latest} are the day
 * bounds the stated date ({@code edtf}) stands for; null where unknown or open. {@code facts} are the ids of
 * the facts the event rests on, ascending (several for a custody change stated by several claims; none for a
 * publication); {@code citations} are theirs, fact by fact.
 */
public record TimelineEvent(String id, String type, String title, String edtf, LocalDate earliest, LocalDate latest,
                            EdtfDate.Precision precision, List<String> people, List<String> organizations,
                            String ownSource, List<Long> facts, List<Cite> citations) {

    /** A citation: W3C TextQuoteSelector {@code quote} plus TextPositionSelector code-point offsets. */
    public record Cite(String source, String quote, int start, int end) {
    }

    /** The source ids behind the event, in citation order, without repeats (a source event names itself). */
    public List<String> sources() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (ownSource != null) {
            ids.add(ownSource);
        }
        citations.forEach(c -> ids.add(c.source()));
        return new ArrayList<>(ids);
    }

    /** True when the stated date names exactly one day. */
    public boolean knownDay() {
        return earliest != null && earliest.equals(latest);
    }

    /** The feature the event comes from, from the id prefix: incident, custody, charge, figure or source. */
    public String kind() {
        String prefix = id.substring(0, id.indexOf(':'));
        return prefix.startsWith("custody") ? "custody" : prefix;
    }
}
