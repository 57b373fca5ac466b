package org.casefile.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which tables a case file is made of, in the order a load writes them (every table after the ones it refers to), and
 * which tables are left out because the service rebuilds them. Every table of the schema is in one list or the other
 * (ArchiveRoundTripTest checks), so a table added later is archived or left out by decision, never by oversight.
 */
public final class ArchiveTables {

    /** The stored source texts: each text goes in an entry of its own, sources/{id}.txt, not in the table's lines. */
    static final String SOURCE_TEXT = "source_text";
    static final String ACCOUNT = "account";
    static final String COUNT_DEFINITION = "count_definition";

    /** The case file, in load order. */
    public static final List<String> ARCHIVED = List.of(
            SOURCE_TEXT, "source", "source_relation", "organization", "person", "legal_case", "source_signatory",
            "fact", "person_name", "citizenship", "affiliation", "custody_period", "incident", "involvement", "charge",
            "figure", "citation",
            "fact_history", "person_history", "source_history", "citation_history", "person_name_history",
            "citizenship_history", "affiliation_history", "custody_period_history", "incident_history",
            "involvement_history", "charge_history", "figure_history",
            COUNT_DEFINITION, ACCOUNT);

    /** Left out, and why. */
    public static final Map<String, String> NOT_ARCHIVED = Map.ofEntries(
            Map.entry("flyway_schema_history", "the schema, made by the migrations; the manifest names its version"),
            Map.entry("person_change", "versions of the kept person documents; a load moves them"),
            Map.entry("person_document", "kept person documents, rebuilt from the facts"),
            Map.entry("person_document_pending", "people whose kept document is behind; a load puts everyone there"),
            Map.entry("custody_judgement", "the kept custody judgement, rebuilt from the facts"),
            Map.entry("custody_claimant", "part of the kept custody judgement"),
            Map.entry("custody_unjudged", "people a writing transaction has touched, judged again before it commits; always empty"),
            Map.entry("count_answers_kept", "which definitions the count answers are kept for"),
            Map.entry("count_answer", "kept count answers, rebuilt from the judgement"),
            Map.entry("count_stale", "days whose kept count answers recent changes outdated; a load outdates every day"),
            Map.entry("count_run_change", "the judged runs recent changes removed and added, to bring kept counts up to date"),
            Map.entry("login_failure", "recent failed logins, kept only for the login throttle's window"),
            Map.entry("api_token", "secrets of the instance they were made on: never archived; their owners make new ones"));

    /**
     * The tables an instance must have empty to be loaded into. Accounts are not among them (the admin who loads has
     * one), nor count definitions (the migrations write the standard ones; a load replaces them with the archive's).
     */
    static List<String> caseTables() {
        return ARCHIVED.stream().filter(t -> !t.equals(ACCOUNT) && !t.equals(COUNT_DEFINITION)).toList();
    }

    private ArchiveTables() {
    }

    /** The table's stored columns in table order; generated ones (search keys, spans) are derived, so left out. */
    static List<String> columns(Connection c, String table) throws SQLException {
        return names(c, """
                select a.attname from pg_attribute a
                where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                order by a.attnum""", table);
    }

    /** The columns an archive orders a table's rows by: its primary key, or every column (history tables have none). */
    static List<String> order(Connection c, String table) throws SQLException {
        List<String> key = names(c, """
                select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = ?::regclass and i.indisprimary
                order by array_position(i.indkey::int2[], a.attnum)""", table);
        return key.isEmpty() ? columns(c, table) : key;
    }

    /** Every table of the schema Casefile runs in. */
    public static List<String> all(Connection c) throws SQLException {
        return names(c, "select tablename from pg_tables where schemaname = current_schema() order by 1");
    }

    /** The version of the last migration applied: an archive loads only into the schema it was written from. */
    static String schemaVersion(Connection c) throws SQLException {
        List<String> version = names(c, """
                select version from flyway_schema_history where success and version is not null
                order by installed_rank desc limit 1""");
        return version.isEmpty() ? "none" : version.get(0);
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static List<String> names(Connection c, String sql, String... parameters) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }
}
