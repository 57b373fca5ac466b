package org.casefile.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The name index's similarity and word similarity are pg_trgm's to the bit, on plain keys of every shape a name
 * search meets: asked of PostgreSQL itself for thousands of pairs.
 */
@QuarkusTest
class TrigramsTest {

    private static final String[] SYLLABLES = {"sok", "chan", "vanna", "rith", "y", "da", "ra", "vy", "kem", "sokha",
        "meach", "sovannara", "rong", "chhun", "thy", "sar", "a", "pheap", "tep", "vanny", "nget", "khem", "2020",
        "7", "ou", "virak", "seng", "theary", "hun", "mao"};

    @Test
    void similarityAndWordSimilarityAgreeWithPgTrgm() throws Exception {
        Random random = new Random(8);
        List<String> queries = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            String text = name(random);
            String query = switch (i % 5) {
                case 0 -> typo(text, random);
                case 1 -> text.substring(random.nextInt(text.length())).trim();
                case 2 -> name(random);
                case 3 -> typo(typo(text, random), random);
                default -> text.split(" ")[random.nextInt(text.split(" ").length)];
            };
            queries.add(query.isEmpty() ? "a" : query);
            texts.add(text);
        }
        // Edges: one-letter words, repeats, a query longer than its text, runs of spaces, nothing in common.
        String[][] edges = {{"a", "a"}, {"a b c", "c b a"}, {"sok sok", "sok"}, {"sok", "sok sok sok"},
            {"sovannara meach", "meach sovannara"}, {"x", "yyy"}, {"chhun  rong", "rong   chhun"}, {"aaa", "aaaa aaa aa"},
            {"rong chhun chhun chhun", "chhun"}, {"ab ab ab ab", "abab ab"}};
        for (String[] e : edges) {
            queries.add(e[0]);
            texts.add(e[1]);
        }

        List<float[]> expected = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "select similarity(t, q), word_similarity(q, t) from unnest(?::text[], ?::text[]) with ordinality as x(q, t, i) order by i")) {
            s.setArray(1, c.createArrayOf("text", queries.toArray()));
            s.setArray(2, c.createArrayOf("text", texts.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    expected.add(new float[]{r.getFloat(1), r.getFloat(2)});
                }
            }
        }
        assertEquals(queries.size(), expected.size());
        int matches = 0;
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            String t = texts.get(i);
            Trigrams.Query query = Trigrams.Query.of(q);
            Trigrams.Text text = Trigrams.Text.of(Trigrams.sequence(t));
            query.score(text.local(), 0, text.local().length, text.codes(), 0, text.codes().length);
            float similarity = query.whole();
            float word = query.word();
            assertEquals(Float.floatToIntBits(expected.get(i)[0]), Float.floatToIntBits(similarity),
                    "similarity('" + t + "', '" + q + "'): PostgreSQL " + expected.get(i)[0] + ", Java " + similarity);
            assertEquals(Float.floatToIntBits(expected.get(i)[1]), Float.floatToIntBits(word),
                    "word_similarity('" + q + "', '" + t + "'): PostgreSQL " + expected.get(i)[1] + ", Java " + word);
            if (word >= NameIndex.THRESHOLD) {
                matches++;
            }
        }
        // The pairs straddle the threshold, so both sides of it were compared.
        assertTrue(matches > 500 && matches < queries.size() - 500, matches + " of " + queries.size() + " matched");
    }

    @Test
    void onlyLettersDigitsAndSpacesArePlain() {
        assertTrue(Trigrams.plain("rong chhun 2020"));
        assertTrue(Trigrams.plain(""));
        assertFalse(Trigrams.plain("sóphal"));
        assertFalse(Trigrams.plain("ម៉ៅ"));
        assertFalse(Trigrams.plain("Rong"));
        assertFalse(Trigrams.plain("o'brien"));
    }

    private static String name(Random random) {
        int words = 1 + random.nextInt(3);
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                out.append(' ');
            }
            int parts = 1 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                out.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
        }
        return out.toString();
    }

    /** One letter doubled, dropped or changed, as letters misspell names. */
    private static String typo(String s, Random random) {
        int at = random.nextInt(s.length());
        if (s.charAt(at) == ' ') {
            return s;
        }
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, at + 1) + s.charAt(at) + s.substring(at + 1);
            case 1 -> s.length() > 1 ? s.substring(0, at) + s.substring(at + 1) : s;
            default -> s.substring(0, at) + (char) ('a' + random.nextInt(26)) + s.substring(at + 1);
        };
    }
}
