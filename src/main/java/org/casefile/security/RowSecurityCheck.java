package org.casefile.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;

/**
 * Fails closed: row-level security, which keeps restricted sources, persons and facts from the public, does not bind
 * a superuser or a role with BYPASSRLS, so the service refuses to run as one unless the operator says, with
 * {@value #ACCEPT} (casefile.accept-public-restricted=true), that restricted records may be public.
 */
public final class RowSecurityCheck {

    public static final String ACCEPT = "CASEFILE_ACCEPT_PUBLIC_RESTRICTED";

    private RowSecurityCheck() {
    }

    /** Whether the operator accepts that restricted records are public. */
    public static boolean accepted(Config config) {
        return config.getOptionalValue("casefile.accept-public-restricted", Boolean.class).orElse(false);
    }

    /** Why the service must not run as the connection's role, in one line; null when row-level security binds it. */
    public static String refusal(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
            if (!r.next() || !(r.getBoolean(2) || r.getBoolean(3))) {
                return null;
            }
            String role = r.getString(1);
            return "Casefile will not start: it logs in to PostgreSQL as '" + role + "', a " + (r.getBoolean(2) ? "superuser" : "role with BYPASSRLS")
                    + ", which row-level security does not bind, so restricted sources, persons and facts would be served to the public."
                    + " Log in as an ordinary role that owns the database (README, 'Using an existing PostgreSQL': create role casefile"
                    + " login password '...'; create database casefile owner casefile), or set " + ACCEPT
                    + "=true to accept that restricted records are public.";
        }
    }

    /** {@link #refusal(Connection)} for the configured datasource; null when it cannot be reached (the start then says why). */
    public static String refusal(Config config) {
        String url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse(null);
        if (url == null) {
            return null;
        }
        try (Connection c = DriverManager.getConnection(url,
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null))) {
            return refusal(c);
        } catch (SQLException e) {
            return null;
        }
    }
}
