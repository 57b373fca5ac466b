package org.casefile.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC to the test database, for checks that must bypass the service. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /**
     * A digest of every row of every data table (those whose changes PostgreSQL announces, V11), as an editor sees
     * them: the same before and after a request means the request wrote nothing, not even in part.
     */
    public static String dataFingerprint(Connection c) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("select set_config('casefile.reader', 'editor', false)");
            try (ResultSet r = s.executeQuery("select distinct cast(tgrelid::regclass as text) from pg_trigger"
                    + " where tgname like '%\\_notifies\\_change' order by 1")) {
                while (r.next()) {
                    parts.add("select '" + r.getString(1) + "' || ':' || coalesce(string_agg(md5(cast(t as text)), ','"
                            + " order by md5(cast(t as text))), '') from " + r.getString(1) + " t");
                }
            }
            if (parts.size() < 18) {
                throw new IllegalStateException("the data tables are not all found: " + parts);
            }
            try (ResultSet r = s.executeQuery("select md5(string_agg(part, ';' order by part)) from ("
                    + String.join(" union all ", parts) + ") p(part)")) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
