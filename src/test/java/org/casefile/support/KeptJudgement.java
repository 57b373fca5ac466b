package org.casefile.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the kept custody judgement (custody_judgement, custody_claimant) against the judgement made from the claims
 * now, as the public sees them: what the writing transactions keep must be exactly what judging afresh gives.
 */
public final class KeptJudgement {

    private static final String RUNS = """
            select (select count(*) from (
              (select person_id, days, state, certainty, since, last_confirmed, presumed_since, disputed, facts, state_facts, sources
               from custody_judgement
               except all
               select r.person_id, r.days, r.status, r.certainty, r.since, r.last_confirmed, r.presumed_since, r.disputed, r.facts,
                      r.state_facts, array(select distinct ci.source_id from citation ci where ci.fact_id = any(r.state_facts) order by 1)
               from cf_custody_runs(null, null) r join person p on p.id = r.person_id and p.merged_into is null)
              union all
              (select r.person_id, r.days, r.status, r.certainty, r.since, r.last_confirmed, r.presumed_since, r.disputed, r.facts,
                      r.state_facts, array(select distinct ci.source_id from citation ci where ci.fact_id = any(r.state_facts) order by 1)
               from cf_custody_runs(null, null) r join person p on p.id = r.person_id and p.merged_into is null
               except all
               select person_id, days, state, certainty, since, last_confirmed, presumed_since, disputed, facts, state_facts, sources
               from custody_judgement)) runs)
            + (select count(*) from (
              (select person_id, latest_definite from custody_claimant except all select person_id, latest_definite from custody_claimant_now)
              union all
              (select person_id, latest_definite from custody_claimant_now except all select person_id, latest_definite from custody_claimant)
            ) claimants)""";

    private static final String ON_DAY = """
            select count(*) from (
              (select person_id, state, certainty, disputed, last_confirmed from custody_judgement
               where days @> cast(? as date) and cf_custody_in_basis(certainty, ?)
               except all
               select s.person_id, s.status, s.certainty, s.disputed, s.last_confirmed from cf_custody_status_of(null, cast(? as date), null, ?) s
               join person p on p.id = s.person_id and p.merged_into is null where s.status <> 'unknown')
              union all
              (select s.person_id, s.status, s.certainty, s.disputed, s.last_confirmed from cf_custody_status_of(null, cast(? as date), null, ?) s
               join person p on p.id = s.person_id and p.merged_into is null where s.status <> 'unknown'
               except all
               select person_id, state, certainty, disputed, last_confirmed from custody_judgement
               where days @> cast(? as date) and cf_custody_in_basis(certainty, ?))
            ) differing""";

    private KeptJudgement() {
    }

    /**
     * What differs between the kept judgement and the claims judged now, as the public sees them: the runs and
     * claimants row by row, and each person's status on each of the days under both bases. Empty when they agree.
     */
    public static List<String> differences(List<LocalDate> days) throws SQLException {
        List<String> differing = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(RUNS)) {
                r.next();
                if (r.getLong(1) != 0) {
                    differing.add(r.getLong(1) + " kept runs or claimants that judging the claims now does not give, or the reverse");
                }
            }
            try (PreparedStatement s = c.prepareStatement(ON_DAY)) {
                for (LocalDate day : days) {
                    for (String basis : List.of("confirmed", "last_known")) {
                        for (int i = 0; i < 4; i++) {
                            s.setString(2 * i + 1, day.toString());
                            s.setString(2 * i + 2, basis);
                        }
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            if (r.getLong(1) != 0) {
                                differing.add(r.getLong(1) + " statuses on " + day + " under " + basis);
                            }
                        }
                    }
                }
            }
        }
        return differing;
    }
}
