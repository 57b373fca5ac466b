package org.casefile.person;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.casefile.api.ETags;
import org.casefile.api.EventLoopReads;
import org.casefile.api.PageRequest;
import org.casefile.api.Params;
import org.casefile.api.Today;
import org.casefile.custody.Basis;
import org.casefile.custody.StatusService;
import org.jboss.logging.Logger;

/**
 * GET /api/persons?q=… for the public, the name search researchers run most (a name, perhaps a day and a page,
 * nothing else): searched in the name index on the event loop that took the request, the page's statuses (and any
 * matches among names the index leaves to PostgreSQL) read on a non-blocking connection (see {@link EventLoopReads}),
 * without a worker thread. At 20 connections on 2 cores the hand-off to a worker and the blocking JDBC call cost a
 * quarter of a search's CPU, and many runnable threads took turns unevenly, which made the p99 several times the
 * median (bench/EXPLAIN.md). The answer is the one {@link PersonResource#list} gives, byte for byte and with the
 * same ETag ({@link NameSearch} builds both). Everything else goes on to that resource unchanged: other parameters,
 * credentials, conditional requests, another Accept, a malformed value (the resource says what is wrong), an index
 * not built from the current data, and any failure of this path but PostgreSQL being unavailable (a 503 problem here).
 */
@ApplicationScoped
public class PublicNameSearchRoute {

    private static final Logger LOG = Logger.getLogger(PublicNameSearchRoute.class);

    /** The parameters this path answers; any other leaves the request to the resource. */
    private static final Set<String> PARAMETERS = Set.of("q", "asOf", "page", "size", "sort");

    private static final String SET_THRESHOLD = "select set_config('pg_trgm.word_similarity_threshold', $1, true)";
    private static final String OTHERS = EventLoopReads.numbered(NameSearch.OTHERS);

    private final EventLoopReads reads;
    private final NameSearch nameSearch;
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public PublicNameSearchRoute(EventLoopReads reads, NameSearch nameSearch) {
        this.reads = reads;
        this.nameSearch = nameSearch;
    }

    void register(@Observes Router router) {
        if (reads.enabled()) {
            router.get("/api/persons").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        }
    }

    /** Answers served by this path (tests check that it is taken). */
    public long served() {
        return served.get();
    }

    /** A search this path answers: the index's plan, the day and the page. */
    private record Asked(NameSearch.Plan plan, LocalDate day, PageRequest page) {
    }

    private void handle(RoutingContext context) {
        Asked asked = context.request().path().equals("/api/persons") && EventLoopReads.plainPublicRead(context.request())
                ? asked(context.request().params()) : null;
        if (asked == null) {
            context.next();
            return;
        }
        NameIndex.Prepared prepared = asked.plan().prepared();
        Future<Map<String, Float>> others = prepared.needsOthers() ? othersMatching(asked.plan().key()) : Future.succeededFuture(Map.of());
        others.compose(matches -> {
            NameIndex.Found found = prepared.search(false, matches);
            List<String> ids = NameSearch.pageIds(found, asked.page());
            return reads.query(StatusService.STATUSES_AND_VERSION_NUMBERED,
                            Tuple.of(ids.toArray(String[]::new), asked.day(), Basis.DEFAULT))
                    .map(rows -> NameSearch.page(found, ids, statuses(rows), asked.page()));
        }).onComplete(answer -> {
            if (answer.failed()) {
                EventLoopReads.failed(context, answer.cause(), () -> {
                    if (failureLogged.compareAndSet(false, true)) {
                        // Said once: the resource answers meanwhile, so a broken event-loop connection only costs speed.
                        LOG.warnf(answer.cause(), "Event-loop name search failed; the resource answers instead: %s", answer.cause());
                    }
                    context.next();
                });
                return;
            }
            if (answer.result() == null) {
                context.next(); // read at another data version than the index's: the resource answers
                return;
            }
            served.incrementAndGet();
            EventLoopReads.sendJson(context.response(), ETags.json(answer.result()));
        });
    }

    /**
     * The search the parameters ask, when this path answers it: each parameter given once, none but {@link #PARAMETERS},
     * a name, the default order, and valid values (a malformed one is left to the resource, which explains it).
     */
    private Asked asked(MultiMap parameters) {
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name) || parameters.getAll(name).size() != 1) {
                return null;
            }
        }
        String q = parameters.get("q");
        String sort = parameters.get("sort");
        if (q == null || q.isBlank() || (sort != null && !sort.equals("relevance"))) {
            return null;
        }
        try {
            LocalDate day = Params.date("asOf", parameters.get("asOf"), Today.date());
            PageRequest page = PageRequest.of(parameters.get("page"), parameters.get("size"));
            NameSearch.Plan plan = nameSearch.plan(new PersonService.Search(q, null, day, Basis.DEFAULT, false, null, null, null,
                    null, "relevance"), false);
            return plan == null ? null : new Asked(plan, day, page);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** As NameSearch's others: in a transaction whose word-similarity threshold is the index's. */
    private Future<Map<String, Float>> othersMatching(String key) {
        return reads.inTransaction(connection -> connection.preparedQuery(SET_THRESHOLD).execute(Tuple.of(String.valueOf(NameIndex.THRESHOLD)))
                .compose(set -> connection.preparedQuery(OTHERS).execute(Tuple.of(key, key, key)))
                .map(rows -> {
                    Map<String, Float> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString(0), row.getFloat(1)));
                    return out;
                }));
    }

    /** The statuses the statement answered, read as StatusService reads JDBC's rows. */
    private static StatusService.VersionedStatuses statuses(io.vertx.sqlclient.RowSet<Row> rows) {
        List<Object[]> read = new ArrayList<>();
        for (Row row : rows) {
            Object[] values = new Object[StatusService.JUDGEMENT_COLUMNS + 1];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getValue(i);
            }
            read.add(values);
        }
        return StatusService.versioned(read);
    }
}
