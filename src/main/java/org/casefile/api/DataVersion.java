package org.casefile.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A number that changes whenever the data may have: on every committed change PostgreSQL announces (LISTEN
 * casefile_changes, from triggers on every data table, whoever wrote). It wakes the work that keeps projections
 * current (the person documents); what those serve is checked against the database itself, not against this.
 */
@ApplicationScoped
public class DataVersion {

    private static final Logger LOG = Logger.getLogger(DataVersion.class);
    static final String CHANNEL = "casefile_changes";

    private final AgroalDataSource dataSource;
    private final AtomicLong version = new AtomicLong();
    private volatile boolean stopped;
    private Thread listener;

    public DataVersion(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        listener = new Thread(this::listen, "casefile-change-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The current number: when it has moved since last read, something may have changed. */
    public long current() {
        return version.get();
    }

    /** The data version in the database (V13), which every committed change has moved. */
    public long stored() throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("select version from data_version")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void listen() {
        while (!stopped) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                version.incrementAndGet();
                while (!stopped) {
                    PGNotification[] notes = pg.getNotifications(10_000);
                    if (notes != null && notes.length > 0) {
                        version.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                if (!stopped) {
                    LOG.warnf("Not listening for changes (%s); projections are brought up to date less promptly until it listens again.", e.getMessage());
                }
            } finally {
                version.incrementAndGet();
            }
            sleepQuietly();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
