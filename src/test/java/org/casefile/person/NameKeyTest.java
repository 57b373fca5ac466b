package org.casefile.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** The search key computed in Java is cf_name_key's, asked of PostgreSQL for thousands of ASCII queries. */
@QuarkusTest
class NameKeyTest {

    private static final String[] PIECES = {"Mr.", "MRS", "ms", "Miss", "Dr", "prof.", "H.E.", "H E", "he", "Sen.", "Senator",
        "Samdech", "Lok", "Neak", "Oknha", "Excellency", "Rong", "CHHUN", "Kem", "Sokha", "meach", "Sovannara", "mrs.", "Mr",
        "2020", "o'brien", "-", ",", "  ", "\t", "!", "(", ")", "Hun-Sen", "sok_chan", "x", "a", "drmr", "Mr.Mrs."};

    @Test
    void asciiKeysAreCfNameKeys() throws Exception {
        Random random = new Random(14);
        List<String> queries = new ArrayList<>(List.of("", " ", "Mr. Kem Sokha", "H.E. Rong Chhun", "mr mrs x", "Dr.", "he he he",
                "  Meach   Sovannara  ", "Samdech Hun Sen", "lok neak oknha", "Excellency!", "o'Brien-Smith", "\tSok\nChan\r"));
        for (int i = 0; i < 3000; i++) {
            StringBuilder q = new StringBuilder();
            int parts = 1 + random.nextInt(5);
            for (int p = 0; p < parts; p++) {
                q.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(3) == 0 ? "" : " ");
            }
            queries.add(q.toString());
        }
        List<String> expected = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "select cf_name_key(q) from unnest(?::text[]) with ordinality as x(q, i) order by i")) {
            s.setArray(1, c.createArrayOf("text", queries.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    expected.add(r.getString(1));
                }
            }
        }
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(expected.get(i), NameKey.of(queries.get(i)), "cf_name_key('" + queries.get(i) + "')");
        }
    }

    @Test
    void anythingBeyondAsciiIsLeftToPostgres() {
        assertNull(NameKey.of("Sóphal"));
        assertNull(NameKey.of("សុខ"));
        assertNull(NameKey.of("a\u0000b"));
    }
}
