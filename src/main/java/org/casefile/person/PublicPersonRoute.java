package org.casefile.person;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.casefile.api.EventLoopReads;
import org.jboss.logging.Logger;

/**
 * GET /api/persons/{id} for the public, when the person's kept document is current: one statement on a non-blocking
 * connection, answered on the event loop, without a worker thread (see {@link EventLoopReads}). The answer is the
 * one {@link PersonResource#get} gives, byte for byte and with the same ETag. Everything else goes on to that
 * resource unchanged: credentials (an editor's document is built afresh), conditional requests, an Accept header
 * other than JSON or anything, any query parameter (the resource takes none, and answers one with a 400 that names
 * it: see {@link org.casefile.api.KnownQueryParameters}), a document not kept at the person's current version
 * (merged, unknown, outdated), and any failure of this path but PostgreSQL being unavailable (a 503 problem here).
 */
@ApplicationScoped
public class PublicPersonRoute {

    /**
     * {@link PersonDocuments#CURRENT} in the Vert.x client's placeholders, the body as its UTF-8 bytes: sent as
     * PostgreSQL returns them, never decoded to a String and encoded again (at 8,000 requests a second those copies
     * were most of what the service allocated).
     */
    static final String CURRENT = EventLoopReads.numbered(PersonDocuments.CURRENT.replace("d.body", "convert_to(d.body, 'UTF8')"));

    private static final Logger LOG = Logger.getLogger(PublicPersonRoute.class);

    private final EventLoopReads reads;
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public PublicPersonRoute(EventLoopReads reads) {
        this.reads = reads;
    }

    void register(@Observes Router router) {
        if (reads.enabled()) {
            router.get("/api/persons/:id").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        }
    }

    /** Answers served by this path (tests check that it is taken). */
    long served() {
        return served.get();
    }

    private void handle(RoutingContext context) {
        String query = context.request().query();
        if (!EventLoopReads.plainPublicRead(context.request()) || (query != null && !query.isEmpty())) {
            context.next();
            return;
        }
        String id = context.pathParam("id");
        reads.query(CURRENT, Tuple.of(id, id)).onComplete(read -> {
            if (read.failed()) {
                EventLoopReads.failed(context, read.cause(), () -> {
                    if (failureLogged.compareAndSet(false, true)) {
                        // Said once: the resource answers meanwhile, so a broken event-loop connection only costs speed.
                        LOG.warnf("Event-loop read of a person document failed; the resource answers instead: %s", read.cause());
                    }
                    context.next();
                });
                return;
            }
            Buffer body = read.result().iterator().next().getBuffer(1);
            if (body == null) {
                context.next();
                return;
            }
            served.incrementAndGet();
            EventLoopReads.sendJson(context.response(), body);
        });
    }
}
