package org.casefile.db;

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
 * Hears every committed change PostgreSQL announces (LISTEN casefile_changes, from triggers on every data table,
 * whoever wrote) and counts them: it wakes the work that keeps projections current (person documents, kept counts,
 * the name index). What those serve is checked against the database itself, never against this count.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    static final String CHANNEL = "casefile_changes";

    private final AgroalDataSource dataSource;
    private final AtomicLong heard = new AtomicLong();
    /** The first wait before listening again after a lost connection, doubled each failed attempt up to the last. */
    static final long RETRY_FIRST_MS = 250;
    static final long RETRY_MAX_MS = 4_000;

    private volatile boolean stopped;
    private volatile boolean listening;
    private Thread listener;

    public ChangeListener(AgroalDataSource dataSource) {
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

    /** How many announcements it has heard (and reconnections made): when it has moved, something may have changed. */
    public long heard() {
        return heard.get();
    }

    /** Whether the listener holds a connection on which it listens now. */
    public boolean listening() {
        return listening;
    }

    /**
     * Listens, and when its connection is lost (PostgreSQL stopped, restarted or crashed) connects again, waiting
     * longer between attempts up to {@link #RETRY_MAX_MS}; said once when it stops listening and once when it listens
     * again, never per attempt. Each time it starts listening the count moves, since changes may have been missed.
     */
    private void listen() {
        long retry = RETRY_FIRST_MS;
        long lostAt = 0;
        while (!stopped) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                heard.incrementAndGet();
                if (lostAt != 0) {
                    LOG.infof("Listening for changes again, after %d s.", (System.currentTimeMillis() - lostAt) / 1000);
                    lostAt = 0;
                }
                retry = RETRY_FIRST_MS;
                while (!stopped) {
                    PGNotification[] notes = pg.getNotifications(10_000);
                    if (notes != null && notes.length > 0) {
                        heard.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (!stopped && lostAt == 0) {
                    lostAt = System.currentTimeMillis();
                    LOG.warnf("Not listening for changes (%s); projections are brought up to date less promptly until it "
                            + "listens again. Trying again every few seconds.", e.getMessage());
                }
            }
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                return;
            }
            retry = Math.min(retry * 2, RETRY_MAX_MS);
        }
    }
}
