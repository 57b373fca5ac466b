package org.casefile.fact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One thing that differs between two versions of a fact: what it is (rank, note, a field of the fact's kind,
 * its citations), and how each version reads it (null where a version has none).
 */
public record VersionDifference(String what, String before, String after) {

    /** What differs from {@code before} to {@code after}, in the order a fact is read: rank, fields, citations. */
    public static List<VersionDifference> between(FactView before, FactView after) {
        List<VersionDifference> out = new ArrayList<>();
        add(out, "rank", before.rank(), after.rank());
        add(out, "rank reason", before.rankReason(), after.rankReason());
        add(out, "note", before.note(), after.note());
        add(out, "derivation", before.derivation(), after.derivation());
        Set<String> fields = new LinkedHashSet<>();
        before.fields().fieldNames().forEachRemaining(fields::add);
        after.fields().fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            add(out, label(field), text(before.fields().get(field)), text(after.fields().get(field)));
        }
        add(out, "citations", citations(before), citations(after));
        return out;
    }

    /** A column of a fact's table as a reader says it: "start_edtf" is the start as stated, "start_lower" its earliest day. */
    static String label(String column) {
        String words = column.equals("person_id") ? "person"
                : column.endsWith("_edtf") ? column.substring(0, column.length() - 5) + " (as stated)"
                : column.endsWith("_lower") ? column.substring(0, column.length() - 6) + " (earliest day)"
                : column.endsWith("_upper") ? column.substring(0, column.length() - 6) + " (latest day)"
                : column;
        return words.replace('_', ' ');
    }

    /** The value of a field as text: a string as it is, anything else as JSON. */
    static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    private static void add(List<VersionDifference> out, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add(new VersionDifference(what, before, after));
        }
    }

    /** The passages a version cites, one a line: letter, code points, quote. */
    private static String citations(FactView version) {
        StringBuilder out = new StringBuilder();
        for (CitationView c : version.citations()) {
            out.append(out.isEmpty() ? "" : "\n").append(c.source()).append(" [").append(c.start()).append('–').append(c.end())
                    .append("]: “").append(c.quote()).append('”');
        }
        return out.isEmpty() ? null : out.toString();
    }
}
