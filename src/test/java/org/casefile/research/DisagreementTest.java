package org.casefile.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two sources that disagree give two claims, both kept and both shown; a preferred rank decides what is shown first. */
@QuarkusTest
class DisagreementTest {

    static final String PERSON = "test-disputed-person";

    @BeforeEach
    void twoSourcesDisagree() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into person (id, name, concern) values ('" + PERSON + "', 'Disputed Person', true)");
            claim(s, "imprisoned", "Currently, 24 individuals are imprisoned or detained as political prisoners.");
            claim(s, "released", "These include an opposition party senator");
            c.commit();
        }
    }

    private static void claim(Statement s, String state, String quote) throws SQLException {
        s.execute("insert into fact (kind) values ('custody')");
        s.execute("insert into custody_period (fact_id, person_id, state, confirmed_on) values "
                + "(currval(pg_get_serial_sequence('fact', 'id')), '" + PERSON + "', '" + state + "', '2016-01-25')");
        s.execute("insert into citation (fact_id, source_id, quote, start_offset, end_offset) "
                + "select currval(pg_get_serial_sequence('fact', 'id')), s.id, '" + quote + "', "
                + "strpos(t.text, '" + quote + "') - 1, strpos(t.text, '" + quote + "') - 1 + " + quote.length()
                + " from source s join source_text t on t.id = s.text_id where s.id = 'joint-letter-kerry-2016-01-25'");
    }

    @AfterEach
    void cleanUp() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("delete from fact where id in (select fact_id from custody_period where person_id = '" + PERSON + "')");
            s.execute("delete from person where id = '" + PERSON + "'");
        }
    }

    @Test
    void bothClaimsAreReturnedAndTheStatusIsDisputed() {
        given().queryParam("asOf", "2016-01-25").when().get("/api/persons/" + PERSON + "/status").then()
                .statusCode(200)
                .body("disputed", equalTo(true))
                .body("certainty", equalTo("definite"))
                .body("claims.state", hasItems("imprisoned", "released"));
        given().when().get("/api/persons/" + PERSON).then()
                .statusCode(200)
                .body("conflicts[0].states", hasItems("imprisoned", "released"))
                .body("conflicts[0].from", equalTo("2016-01-25"));
    }

    @Test
    void aPreferredClaimComesFirstAndDeprecatedNeverCounts() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("update fact set rank = 'preferred' where id = (select fact_id from custody_period where person_id = '"
                    + PERSON + "' and state = 'released')");
        }
        given().queryParam("asOf", "2016-01-25").when().get("/api/persons/" + PERSON + "/status").then()
                .statusCode(200)
                .body("status", equalTo("released"))
                .body("claims[0].rank", equalTo("preferred"))
                .body("disputed", equalTo(false));
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("update fact set rank = 'deprecated', rank_reason = 'test: misread' where id = (select fact_id from custody_period where person_id = '"
                    + PERSON + "' and state = 'released')");
        }
        given().queryParam("asOf", "2016-01-25").when().get("/api/persons/" + PERSON + "/status").then()
                .statusCode(200)
                .body("status", equalTo("imprisoned"))
                .body("claims.size()", equalTo(1))
                .body("disputed", equalTo(false));
    }
}
