package org.casefile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the ordinary (non-superuser) role and the database Casefile logs in with, on a server where we hold a
 * superuser login (the embedded PostgreSQL, the tests' server). Row-level security, which keeps restricted data
 * from the public, does not bind superusers, so the service must never run as one.
 */
public final class AppDatabase {

    public static final String ROLE = "casefile";
    public static final String PASSWORD = "casefile";

    private AppDatabase() {
    }

    /** Creates role and database if missing; answers the JDBC URL of the database. */
    public static String prepare(String superuserJdbcUrl, String superuser, String superuserPassword, String database) {
        try (Connection c = DriverManager.getConnection(superuserJdbcUrl, superuser, superuserPassword); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", ROLE)) {
                s.execute("create role " + ROLE + " login password '" + PASSWORD + "' nosuperuser nobypassrls nocreaterole");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                s.execute("create database " + database + " owner " + ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + ": " + e.getMessage(), e);
        }
        String url = superuserJdbcUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        try (Connection c = DriverManager.getConnection(url, superuser, superuserPassword); Statement s = c.createStatement()) {
            for (String statement : SUPERUSER_SETUP) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + ": " + e.getMessage(), e);
        }
        return url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    /**
     * What only a superuser may do, once per database. Row-level security lets the planner use an index only for
     * operators marked LEAKPROOF (an operator that could leak a hidden row's value through an error must run after
     * the policy); pg_trgm's similarity operators raise no errors that depend on their input, so they are marked,
     * and name search uses its trigram index instead of reading every name. Also in src/main/docker/postgres-init.sh.
     */
    public static final java.util.List<String> SUPERUSER_SETUP = java.util.List.of(
            "create extension if not exists pg_trgm",
            "create extension if not exists unaccent",
            "alter function public.similarity_op(text, text) leakproof",
            "alter function public.word_similarity_op(text, text) leakproof",
            "alter function public.word_similarity_commutator_op(text, text) leakproof");

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, value);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
