package org.casefile.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.casefile.support.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule itself, case by case: PostgreSQL's cf_custody_judge (V15), which every status answer calls, given claims
 * written out in full. A claim is "id state rank definite possible presumable presumedUntil", the days as
 * first..last (inclusive; an open end left blank; "-" for none) and presumable "open" (no end stated) or "ended".
 */
@QuarkusTest
class CustodyJudgementRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                         | claims                                                                                                    | day        | status             | certainty | disputed | lastConfirmed | presumedSince
            a claim covers the day for certain             | 1 imprisoned normal 2016-01-01..2016-01-31 2016-01-01..2016-01-31 open -                                  | 2016-01-15 | imprisoned         | definite  | false    | 2016-01-31    |
            only within an imprecise date                  | 1 arrested normal - 2017-01-01..2017-12-31 open -                                                         | 2017-06-01 | arrested           | possible  | false    |               |
            no claim at all                                |                                                                                                           | 2017-06-01 | unknown            | unknown   | false    |               |
            preferred claims win over normal ones          | 1 released normal 2016-01-01..2016-01-31 2016-01-01..2016-01-31 open -; 2 imprisoned preferred 2016-01-01..2016-01-31 2016-01-01..2016-01-31 open - | 2016-01-15 | imprisoned | definite | false | 2016-01-31 |
            deprecated claims never count                  | 1 released deprecated 2016-01-01..2016-01-31 2016-01-01..2016-01-31 open -; 2 imprisoned normal 2016-01-01..2016-01-20 2016-01-01..2016-01-20 open - | 2016-01-15 | imprisoned | definite | false | 2016-01-20 |
            definite over possible                         | 1 released normal - 2016-01-01..2016-03-31 open -; 2 imprisoned normal 2016-01-10..2016-01-20 2016-01-01..2016-01-20 open - | 2016-01-15 | imprisoned | definite | false | 2016-01-20 |
            possible claims that disagree                  | 1 released normal - 2016-01-01..2016-03-31 open -; 2 imprisoned normal - 2016-01-01..2016-01-20 open -    | 2016-01-15 | released           | possible  | true     |               |
            the last known status is presumed              | 1 arrested normal 2020-07-31..2020-07-31 2020-07-31..2020-07-31 open -                                    | 2021-03-23 | arrested           | presumed  | false    | 2020-07-31    | 2020-08-01
            presumed only after the possible days          | 1 arrested normal 2017-12-31..2017-12-31 2017-01-01..2017-12-31 open -                                    | 2018-01-01 | arrested           | presumed  | false    | 2017-12-31    | 2018-01-01
            a stated end ends it                           | 1 imprisoned normal 2016-01-01..2016-06-29 2016-01-01..2016-06-30 ended -                                 | 2017-01-01 | unknown            | unknown   | false    |               |
            a sentence runs to its term                    | 1 imprisoned normal 2015-07-31..2016-01-24 2015-07-01..2016-01-24 open 2035-07-01                         | 2035-06-30 | imprisoned         | presumed  | false    | 2016-01-24    | 2016-01-25
            and no further                                 | 1 imprisoned normal 2015-07-31..2016-01-24 2015-07-01..2016-01-24 open 2035-07-01                         | 2035-07-01 | unknown            | unknown   | false    |               |
            presumed until a later claim starts            | 1 imprisoned normal 2016-01-25..2016-01-25 2016-01-25..2016-01-25 open -; 2 released normal 2018-05-01..2018-05-01 2018-05-01..2018-05-01 open - | 2017-01-01 | imprisoned | presumed | false | 2016-01-25 | 2016-01-26
            the later claim's state on its day             | 1 imprisoned normal 2016-01-25..2016-01-25 2016-01-25..2016-01-25 open -; 2 released normal 2018-05-01..2018-05-01 2018-05-01..2018-05-01 open - | 2018-05-01 | released | definite | false | 2018-05-01 |
            and presumed after it                          | 1 imprisoned normal 2016-01-25..2016-01-25 2016-01-25..2016-01-25 open -; 2 released normal 2018-05-01..2018-05-01 2018-05-01..2018-05-01 open - | 2019-01-01 | released | presumed | false | 2018-05-01 | 2018-05-02
            a later claim that was ended leaves nothing    | 1 imprisoned normal 2016-01-25..2016-01-25 2016-01-25..2016-01-25 open -; 2 released_on_bail normal 2016-03-01..2016-03-30 2016-03-01..2016-03-31 ended - | 2017-01-01 | unknown | unknown | false | |
            death never ends                               | 1 deceased normal 2021-03-31.. 2016-07-01.. ended -                                                       | 2030-01-01 | deceased           | definite  | false    |               |
            before its latest possible day it is possible  | 1 deceased normal 2021-03-31.. 2016-07-01.. ended -                                                       | 2018-01-01 | deceased           | possible  | false    |               |
            an arrest beside detention is no dispute       | 1 arrested normal 2020-07-31..2020-07-31 2020-07-31..2020-07-31 open -; 2 pretrial_detention normal 2020-07-31..2020-09-01 2020-07-31..2020-09-01 open - | 2020-07-31 | pretrial_detention | definite | false | 2020-09-01 |
            arrest then release: not where one covers      | 1 arrested normal 2020-01-01..2020-01-10 2020-01-01..2020-01-10 ended -; 2 released normal 2020-01-05..2020-02-01 2020-01-05..2020-02-01 open - | 2020-01-03 | arrested | definite | false | 2020-01-10 |
            arrest then release: disputed where both cover | 1 arrested normal 2020-01-01..2020-01-10 2020-01-01..2020-01-10 ended -; 2 released normal 2020-01-05..2020-02-01 2020-01-05..2020-02-01 open - | 2020-01-07 | released | definite | true | 2020-02-01 |
            arrest then release: the release alone         | 1 arrested normal 2020-01-01..2020-01-10 2020-01-01..2020-01-10 ended -; 2 released normal 2020-01-05..2020-02-01 2020-01-05..2020-02-01 open - | 2020-01-20 | released | definite | false | 2020-02-01 |
            last known statuses that disagree              | 1 imprisoned normal 2020-01-01..2020-01-01 2020-01-01..2020-01-01 open -; 2 released normal 2020-01-01..2020-01-01 2020-01-01..2020-01-01 open - | 2020-06-01 | imprisoned | presumed | true | 2020-01-01 | 2020-01-02
            a preferred last known status wins             | 1 imprisoned normal 2020-01-01..2020-01-01 2020-01-01..2020-01-01 open -; 2 released preferred 2020-01-01..2020-01-01 2020-01-01..2020-01-01 open - | 2020-06-01 | released | presumed | false | 2020-01-01 | 2020-01-02
            a claim with no dated evidence covers no day   | 1 imprisoned normal - - open -                                                                            | 2020-06-01 | unknown            | unknown   | false    |               |
            """)
    void theJudgement(String name, String claims, String day, String status, String certainty, boolean disputed,
                      String lastConfirmed, String presumedSince) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String claim : claims == null ? new String[0] : claims.split(";")) {
            String[] f = claim.trim().split(" ");
            rows.add("row(%s, 'p', '%s', '%s', null, null, null, %s, %s, %s, %s)::cf_custody_claim".formatted(f[0], f[1], f[2],
                    range(f[3]), range(f[4]), f[5].equals("open"), f[6].equals("-") ? "null" : "date '" + f[6] + "'"));
        }
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "select j.status, j.certainty, j.disputed, j.last_confirmed, j.presumed_since from cf_custody_judge("
                        + (rows.isEmpty() ? "'{}'" : "array[" + String.join(", ", rows) + "]") + ", cast(? as date)) j")) {
            s.setString(1, day);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(List.of(status, certainty, disputed, String.valueOf(lastConfirmed), String.valueOf(presumedSince)),
                        List.of(r.getString(1), r.getString(2), r.getBoolean(3), String.valueOf(r.getString(4)),
                                String.valueOf(r.getString(5))), name);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"definite, confirmed, true", "possible, confirmed, true", "presumed, confirmed, false", "unknown, confirmed, false",
            "definite, last_known, true", "possible, last_known, true", "presumed, last_known, true", "unknown, last_known, false"})
    void whatEachBasisCounts(String certainty, String basis, boolean counted) throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement("select cf_custody_in_basis(?, ?)")) {
            s.setString(1, certainty);
            s.setString(2, basis);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(counted, r.getBoolean(1));
            }
        }
    }

    /** first..last as a daterange literal (inclusive; blank last: open), "-" empty. */
    private static String range(String days) {
        if (days.equals("-")) {
            return "'empty'::daterange";
        }
        String[] ends = days.split("\\.\\.", -1);
        return "daterange(date '" + ends[0] + "', " + (ends[1].isEmpty() ? "null" : "date '" + ends[1] + "'") + ", '[]')";
    }
}
