package org.casefile.db;

import org.casefile.problem.DatabaseUnavailable;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Keeps something the service derives from the data (kept documents, kept counts) built: a few seconds after start,
 * then whenever PostgreSQL announces a change ({@link ChangeListener}), and every minute anyway, it runs a pass on a
 * thread of its own with a pool of workers. A pass finds what is behind from the database (a queue or a stamp kept
 * there), so one with nothing to do is a cheap look. Readers never wait for it: what it has not built yet is built
 * on the read. Switched off, it never starts; its passes can still be run by hand (the tests do).
 */
public abstract class BackgroundBuilder {

    /** Startup first: a service answering without kept answers beats one that is not answering yet. */
    static final long START_DELAY_MS = 3_000;

    /** Without an announcement, look again this often anyway (announcements stop while the listener reconnects). */
    static final long RECHECK_MS = 60_000;

    private final Logger log;
    private final String name;
    private final boolean enabled;
    protected final ChangeListener changes;
    private volatile boolean stopped;
    private Thread loop;
    /** The workers a pass hands its pieces to (their threads start with the first piece). */
    protected final ExecutorService workers;

    protected BackgroundBuilder(String name, ChangeListener changes, boolean enabled, int threads) {
        this.log = Logger.getLogger(getClass());
        this.name = name;
        this.enabled = enabled;
        this.changes = changes;
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "casefile-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** One pass: builds what is missing or outdated; answers how many things it built. */
    protected abstract int pass() throws Exception;

    protected void onStart(@Observes StartupEvent event) {
        if (enabled) {
            loop = new Thread(this::run, "casefile-" + name + "-loop");
            loop.setDaemon(true);
            loop.start();
        }
    }

    protected void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (loop != null) {
            loop.interrupt();
        }
        workers.shutdownNow();
    }

    protected boolean stopped() {
        return stopped;
    }

    private void run() {
        try {
            Thread.sleep(START_DELAY_MS);
        } catch (InterruptedException e) {
            return;
        }
        boolean waitingForDatabase = false;
        while (!stopped) {
            long seen = changes.heard();
            long started = System.currentTimeMillis();
            try {
                int built = pass();
                waitingForDatabase = false;
                if (built > 0) {
                    log.infof("Built %d %s in %d ms.", built, name, System.currentTimeMillis() - started);
                }
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                boolean unavailable = DatabaseUnavailable.isCauseOf(e);
                if (!unavailable) {
                    log.warnf("%s not built (%s); trying again shortly.", name, e.getMessage());
                } else if (!waitingForDatabase) {
                    // Once per outage: the listener's reconnection counts as a change heard, which wakes this loop.
                    log.warnf("%s not built: PostgreSQL is unavailable (%s); building again when it is back.", name, e.getMessage());
                }
                waitingForDatabase = unavailable;
            }
            try {
                long deadline = System.currentTimeMillis() + RECHECK_MS;
                while (!stopped && changes.heard() == seen && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Work for no caller, in a request context of its own (unless one is active): it reads as the public does. */
    protected static <T> T inRequest(Supplier<T> work) {
        ManagedContext request = Arc.container().requestContext();
        if (request.isActive()) {
            return work.get();
        }
        request.activate();
        try {
            return work.get();
        } finally {
            request.terminate();
        }
    }
}
