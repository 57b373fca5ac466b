package org.casefile.citation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The folding that matches a quote to its passage is written twice, by necessity: in Java, where the service locates
 * a quote ({@link CitationLocator#fold}), and in SQL, where the database checks every citation again (cf_fold, V1).
 * They must agree on every character, or a quote the service located would be refused by the database (or the
 * reverse): every code point of the Basic Multilingual Plane and a sample beyond it, alone, between letters, in runs
 * and at the ends, folds the same way in both.
 */
@QuarkusTest
class FoldingAgreesTest {

    @Test
    void javaAndTheDatabaseFoldEveryCharacterAlike() throws Exception {
        List<String> texts = new ArrayList<>();
        List<Integer> codePoints = new ArrayList<>();
        for (int cp = 1; cp <= 0xFFFF; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                codePoints.add(cp);
            }
        }
        for (int cp : new int[] {0x1F600, 0x1780 + 0x10000, 0x10FFFD, 0xE0020, 0x1D400}) {
            codePoints.add(cp);
        }
        for (int cp : codePoints) {
            String c = new String(Character.toChars(cp));
            texts.add("a" + c + "b");
            texts.add(c + c + " x \t" + c);
            texts.add(" " + c + "\u00A0" + c + "\u2014" + c + " ");
        }
        List<String> folded = new ArrayList<>(texts.size());
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select cf_fold(t) from unnest(?) with ordinality u(t, n) order by n")) {
            Array array = c.createArrayOf("text", texts.toArray());
            s.setArray(1, array);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    folded.add(r.getString(1));
                }
            }
        }
        assertEquals(texts.size(), folded.size());
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String java = CitationLocator.fold(texts.get(i));
            if (!java.equals(folded.get(i))) {
                differ.add("U+%04X in \"%s\": Java \"%s\", cf_fold \"%s\"".formatted(
                        texts.get(i).codePointAt(texts.get(i).offsetByCodePoints(0, 1)), texts.get(i), java, folded.get(i)));
            }
        }
        assertEquals(List.of(), differ.subList(0, Math.min(differ.size(), 20)), differ.size() + " texts fold differently");
    }
}
