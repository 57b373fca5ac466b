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
     * Done as the superuser, once per database: the extensions the migrations use (both trusted, so a database owner
     * could create them too; creating them here keeps them in the public schema whatever the owner's search_path).
     */
    public static final java.util.List<String> SUPERUSER_SETUP = java.util.List.of(
            "create extension if not exists pg_trgm",
            "create extension if not exists unaccent");

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, value);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
