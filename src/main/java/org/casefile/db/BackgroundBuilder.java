package org.casefile.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.function.Supplier;
import org.casefile.problem.DatabaseUnavailable;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

/**
 * Keeps something the service derives from the data (kept documents, kept counts) built: a few seconds after start,
 * then whenever PostgreSQL announces a change ({@link ChangeListener}), and every minute anyway, Quarkus's scheduler
 * runs a pass (never two at once), which hands its pieces to a managed executor of its own. A pass finds what is
 * behind from the database (a queue or a stamp kept there), so one with nothing to do is a cheap look. Readers never
 * wait for it: what it has not built yet is built on the read. Switched off, it is never scheduled; its passes can
 * still be run by hand (the tests do).
 *
 * <p>What a builder keeps in PostgreSQL ({@link Scope#DATABASE}) is built by one instance of the service at a time,
 * however many run on the database: a pass first takes PostgreSQL's advisory lock named {@link #lockName}, and when
 * another instance holds it the pass is left to that one (every instance hears every change, so the one building
 * comes back for what was committed during its pass). What a builder keeps in its own memory ({@link Scope#INSTANCE},
 * the name index) is built by each instance for itself.
 */
public abstract class BackgroundBuilder {

    /** Where what a builder builds is kept: in PostgreSQL, shared by every instance, or in each instance's memory. */
    public enum Scope { DATABASE, INSTANCE }

    /** Takes the builder's lock if no session holds it (released by {@link #UNLOCK}, or when the connection ends). */
    private static final Sql LOCK = Sql.of("select pg_try_advisory_lock(hashtext(:name)) as locked");
    private static final Sql UNLOCK = Sql.of("select pg_advisory_unlock(hashtext(:name)) as unlocked");

    /** Startup first: a service answering without kept answers beats one that is not answering yet. */
    static final String START_DELAY = "3s";

    /** How often the scheduler asks whether a pass is due. */
    static final String LOOK_EVERY = "1s";

    /** Without an announcement, a pass anyway this often (announcements stop while the listener reconnects). */
    static final long RECHECK_MS = 60_000;

    private final Logger log;
    private final String name;
    private final Scope scope;
    private final boolean enabled;
    protected final ChangeListener changes;
    private volatile boolean stopped;
    private volatile boolean waitingForDatabase;
    /** The changes heard before the last pass began, and when it ended (null before the first). */
    private volatile long seen;
    private volatile Long lastPass;
    /** The workers a pass hands its pieces to. */
    protected final ManagedExecutor workers;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource database;

    protected BackgroundBuilder(String name, Scope scope, ChangeListener changes, boolean enabled, int threads) {
        this.log = Logger.getLogger(getClass());
        this.name = name;
        this.scope = scope;
        this.enabled = enabled;
        this.changes = changes;
        // No context carried over: a piece of work opens its own request context (inRequest) and reads as the public.
        this.workers = ManagedExecutor.builder().maxAsync(Math.max(1, threads)).maxQueued(-1)
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    /** One pass: builds what is missing or outdated; answers how many things it built. */
    protected abstract int pass() throws Exception;

    /** The name of the advisory lock a pass of a {@link Scope#DATABASE} builder holds: one instance builds at a time. */
    public static String lockName(String builder) {
        return "casefile builder: " + builder;
    }

    /**
     * A pass, unless another instance of the service is making one of this {@link Scope#DATABASE} builder (answers -1
     * then): the lock is held on a connection of its own for the whole pass.
     */
    int passAlone() throws Exception {
        if (scope == Scope.INSTANCE) {
            return pass();
        }
        try (Connection held = database.getConnection()) {
            if (!LOCK.on(held).bind("name", lockName(name)).one(r -> r.flag("locked"))) {
                return -1;
            }
            try {
                return pass();
            } finally {
                UNLOCK.on(held).bind("name", lockName(name)).one(r -> r.flag("unlocked"));
            }
        }
    }

    protected void onStart(@Observes StartupEvent event) {
        if (enabled) {
            scheduler.newJob("casefile-" + name).setInterval(LOOK_EVERY).setDelayed(START_DELAY)
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> passIfDue()).schedule();
        }
    }

    protected void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        workers.shutdownNow();
    }

    protected boolean stopped() {
        return stopped;
    }

    /** A pass, when a change was heard since the last began, or none ran for a while, or none ran yet. */
    private void passIfDue() {
        long heard = changes.heard();
        if (stopped || lastPass != null && heard == seen && System.currentTimeMillis() - lastPass < RECHECK_MS) {
            return;
        }
        seen = heard;
        long started = System.currentTimeMillis();
        try {
            int built = passAlone();
            waitingForDatabase = false;
            if (built < 0) {
                log.debugf("%s: another instance of the service is building them.", name);
            } else if (built > 0) {
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
                // Once per outage: the listener's reconnection counts as a change heard, which makes a pass due.
                log.warnf("%s not built: PostgreSQL is unavailable (%s); building again when it is back.", name, e.getMessage());
            }
            waitingForDatabase = unavailable;
        } finally {
            lastPass = System.currentTimeMillis();
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
