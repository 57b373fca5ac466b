package org.casefile.count;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.casefile.custody.CustodyStates;
import org.casefile.support.KeptJudgement;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * "Detained on D" has one answer: GET /api/persons?status=S lists exactly the people GET /api/counts?status=S counts,
 * on every day, under both bases, from the kept judgement, which is itself what the claims give when judged now; on
 * the seed and on generated claims of every kind (imprecise, ended, ranked, deaths), written in SQL.
 */
@QuarkusTest
class ListMeansCountTest {

    @Test
    void onTheSeed() throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (String day : List.of("2015-06-30", "2015-07-01", "2015-07-31", "2015-11-15", "2016-01-24", "2016-01-25", "2016-01-26",
                "2016-02-01", "2017-06-01", "2017-12-31", "2018-01-01", "2020-07-31", "2020-08-01", "2021-03-23", "2021-03-31",
                "2035-06-30", "2035-07-01")) {
            days.add(LocalDate.parse(day));
        }
        compareEverywhere(days);
    }

    @Test
    void onGeneratedClaims() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select setseed(0.17)");
            s.execute("insert into person (id, name, concern) select 'generated-' || g, 'Generated Person ' || lpad(g::text, 3, '0'), true"
                    + " from generate_series(1, 80) g");
            s.execute("""
                    create temp table generated on commit drop as
                    select nextval(pg_get_serial_sequence('fact', 'id')) as id, x.*,
                           case when x.precision = 'day' then to_char(x.start_day, 'YYYY-MM-DD')
                                when x.precision = 'month' then to_char(x.start_day, 'YYYY-MM') end as start_edtf,
                           case when x.precision = 'day' then x.start_day when x.precision = 'month' then date_trunc('month', x.start_day)::date end as start_lower,
                           case when x.precision = 'day' then x.start_day
                                when x.precision = 'month' then (date_trunc('month', x.start_day) + interval '1 month - 1 day')::date end as start_upper
                    from (select 'generated-' || (1 + floor(random() * 80))::int as person,
                                 (array['arrested', 'pretrial_detention', 'imprisoned', 'house_arrest', 'released', 'released_on_bail',
                                        'deceased', 'wanted', 'in_exile'])[1 + floor(random() * 9)::int] as state,
                                 date '2014-01-01' + floor(random() * 2500)::int as start_day,
                                 case when random() < 0.55 then 'day' when random() < 0.6 then 'month' else 'none' end as precision,
                                 case when random() < 0.25 then floor(random() * 400)::int end as lasts,
                                 case when random() < 0.7 then floor(random() * 300)::int end as confirmed_after,
                                 case when random() < 0.1 then 'preferred' when random() < 0.12 then 'deprecated' else 'normal' end as rank
                          from generate_series(1, 400)) x""");
            s.execute("insert into fact (id, kind, rank, rank_reason) overriding system value"
                    + " select id, 'custody', rank, case when rank = 'deprecated' then 'generated' end from generated");
            s.execute("""
                    insert into custody_period (fact_id, person_id, state, start_edtf, start_lower, start_upper, end_edtf, end_lower,
                                                end_upper, confirmed_on)
                    select id, person, state, start_edtf, start_lower, start_upper,
                           case when lasts is not null then to_char(start_day + lasts, 'YYYY-MM-DD') end,
                           start_day + lasts, start_day + lasts, start_day + confirmed_after
                    from generated""");
            s.execute("""
                    insert into citation (fact_id, source_id, quote, start_offset, end_offset)
                    select g.id, s.id, q.quote, x.pos, x.pos + char_length(q.quote)
                    from generated g cross join (select 'Mr. Rong Chhun was arrested on July 31, 2020' as quote) q
                    join source s on s.id = 'joint-statement-2021-03-23' join source_text t on t.id = s.text_id
                    cross join lateral (select s.section_start + strpos(substr(t.text, s.section_start + 1), q.quote) - 1 as pos) x""");
            c.commit();
        }
        try {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate day = LocalDate.parse("2013-12-15"); day.isBefore(LocalDate.parse("2022-06-01")); day = day.plusDays(97)) {
                days.add(day);
            }
            compareEverywhere(days);
        } finally {
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("delete from fact where id in (select fact_id from custody_period where person_id like 'generated-%')");
                s.execute("delete from person_change where person_id like 'generated-%'");
                s.execute("delete from person_document where person_id like 'generated-%'");
                s.execute("delete from person where id like 'generated-%'");
                c.commit();
            }
        }
    }

    /**
     * From the kept judgement, which the writes above kept by themselves; and that judgement is the one the claims
     * give when judged now, run by run and on each day.
     */
    private void compareEverywhere(List<LocalDate> days) throws Exception {
        compare(days);
        assertEquals(List.of(), KeptJudgement.differences(days));
    }

    private void compare(List<LocalDate> days) throws SQLException {
        int compared = 0;
        for (LocalDate day : days) {
            for (String basis : List.of("confirmed", "last_known")) {
                for (String status : List.of("detained", "deprived_of_liberty", "released", "deceased")) {
                    JsonPath list = given().queryParam("status", status).queryParam("asOf", day.toString()).queryParam("basis", basis)
                            .queryParam("size", "200").get("/api/persons").then().statusCode(200).extract().jsonPath();
                    JsonPath count = given().queryParam("status", status).queryParam("asOf", day.toString()).queryParam("basis", basis)
                            .queryParam("size", "200").get("/api/counts").then().statusCode(200).extract().jsonPath();
                    String what = status + " on " + day + ", basis " + basis;
                    assertTrue(list.getInt("total") <= 200 && count.getInt("total") <= 200, what);
                    assertEquals(new TreeSet<>(count.<String>getList("people.items.id")), new TreeSet<>(list.<String>getList("items.id")), what);
                    assertEquals(count.getInt("total"), list.getInt("total"), what);
                    // The first page as most ask for it (default size), read from the kept count of a definition with
                    // these states: the same people in the same order, and the same total, as the list judged above.
                    JsonPath first = given().queryParam("status", status).queryParam("asOf", day.toString()).queryParam("basis", basis)
                            .get("/api/persons").then().statusCode(200).extract().jsonPath();
                    List<String> all = list.getList("items.id");
                    assertEquals(all.subList(0, Math.min(20, all.size())), first.getList("items.id"), what + ", first page");
                    assertEquals(list.getInt("total"), first.getInt("total"), what + ", first page");
                    assertEquals(list.getList("items.status").subList(0, Math.min(20, all.size())), first.getList("items.status"), what);
                    Set<String> states = CustodyStates.FILTERS.get(status);
                    assertTrue(states.containsAll(list.getList("items.status")), what + ": " + list.getList("items.status"));
                    if (basis.equals("confirmed")) {
                        assertTrue(!list.getList("items.certainty").contains("presumed"), what);
                    }
                    compared += list.getInt("total");
                }
            }
        }
        assertTrue(compared > 0, "someone is compared");
    }
}
