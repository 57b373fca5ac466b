package org.casefile.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.casefile.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission for the requests that can hold a database connection for seconds: at most
 * {@code casefile.limits.concurrent-expensive-requests} of each kind at once (default 4, well below the pool's 24), and
 * one more is refused at once with a 503 and Retry-After instead of queueing for connections the cheap reads need.
 *
 * Hand-written rather than MicroProfile's {@code @Bulkhead}: a timeline export holds its connection after the resource
 * method has returned, while the body streams, and its permit must be held until the answer is sent.
 */
@Singleton
public class ExpensiveRequests {

    /** The kinds of expensive request, each with its own permits; the words say what it is to the client refused. */
    public enum Kind {
        JUDGED_COUNT("counts judged from the claims (with knownAt, or an editor's count)"),
        LARGE_DRAFT("drafts with more than " + LARGE_DRAFT_PLACEHOLDERS + " placeholders"),
        WHOLE_EXPORT("timeline exports not narrowed to one person, organisation, incident or source");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /** A draft with more placeholders than this renders as a {@link Kind#LARGE_DRAFT}. */
    public static final int LARGE_DRAFT_PLACEHOLDERS = 10;

    /** Seconds a refused client is told to wait: about what one expensive request takes. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** Held while an expensive request runs; closing it (more than once is harmless) lets the next one in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** For a request that is not expensive: nothing to release. */
    public static final Permit NONE = () -> {
    };

    private final int limit;
    private final Map<Kind, Semaphore> permits = new EnumMap<>(Kind.class);

    public ExpensiveRequests(@ConfigProperty(name = "casefile.limits.concurrent-expensive-requests", defaultValue = "4") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("casefile.limits.concurrent-expensive-requests must be at least 1; got " + limit);
        }
        this.limit = limit;
        for (Kind kind : Kind.values()) {
            permits.put(kind, new Semaphore(limit));
        }
    }

    /** A permit for one request of this kind, or a 503 problem with Retry-After when all are taken. Never waits. */
    public Permit enter(Kind kind) {
        Semaphore semaphore = permits.get(kind);
        if (!semaphore.tryAcquire()) {
            throw ProblemException.unavailable("Busy", "Casefile is answering as many " + kind.words + " as it allows at "
                            + "once (" + limit + "); nothing was done. Retry in " + RETRY_AFTER_SECONDS + " seconds, or ask a "
                            + "narrower question, which does not wait for these.", RETRY_AFTER_SECONDS,
                    Map.of("limit", limit, "kind", kind.name().toLowerCase(java.util.Locale.ROOT)));
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }

    /** A permit held until the response to this request has been sent or the connection dropped. */
    public void enterUntilAnswered(Kind kind, RoutingContext request) {
        Permit permit = enter(kind);
        request.addEndHandler(ended -> permit.close());
    }

    /** Permits of this kind free now (tests). */
    public int available(Kind kind) {
        return permits.get(kind).availablePermits();
    }
}
