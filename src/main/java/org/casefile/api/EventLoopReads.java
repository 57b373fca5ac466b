package org.casefile.api;

import io.netty.buffer.Unpooled;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A few non-blocking PostgreSQL connections (the Vert.x client) for the hottest public reads (person detail, name
 * search), each a statement or a short transaction answered on the event loop that took the request. At 20
 * connections on 2 cores, handing a request to a worker thread and back and blocking that thread on JDBC cost more
 * than the read itself: person detail went from about 3,600 to 8,000 requests a second, p99 from 30-80 ms to
 * 16-20 ms; name search's p99 from 73 to 50 ms (bench/EXPLAIN.md).
 *
 * It logs in as the service's datasource does (its JDBC URL, user and password), so row-level security binds it
 * alike; it never sets casefile.reader, so it reads as the public. When the JDBC URL is not a plain
 * jdbc:postgresql://host[:port]/database, it is off and every read takes the ordinary path.
 */
@Singleton
public class EventLoopReads {

    private static final Logger LOG = Logger.getLogger(EventLoopReads.class);
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?,\\[\\]]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");

    private final Pool pool;

    EventLoopReads(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                   @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                   @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                   @ConfigProperty(name = "casefile.event-loop-reads.enabled", defaultValue = "true") boolean enabled,
                   @ConfigProperty(name = "casefile.event-loop-reads.connections", defaultValue = "4") int connections,
                   @ConfigProperty(name = "casefile.limits.statement-timeout") String statementTimeout,
                   @ConfigProperty(name = "casefile.limits.idle-in-transaction-timeout") String idleInTransactionTimeout,
                   @ConfigProperty(name = "quarkus.datasource.jdbc.login-timeout") Optional<Duration> connectTimeout,
                   @ConfigProperty(name = "quarkus.datasource.jdbc.read-timeout") Optional<Duration> readTimeout) {
        PgConnectOptions options = enabled ? connectOptions(jdbcUrl, user, password) : null;
        if (options != null) {
            // The same limits as the datasource's connections, and JIT off likewise, set as these log in.
            options.addProperty("statement_timeout", statementTimeout)
                    .addProperty("idle_in_transaction_session_timeout", idleInTransactionTimeout)
                    .addProperty("jit", "off");
            // The JDBC datasource's bounds (application.properties), so both stacks give up on PostgreSQL alike.
            connectTimeout.ifPresent(t -> options.setConnectTimeout((int) t.toMillis()));
            readTimeout.ifPresent(t -> options.setIdleTimeout((int) t.toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS));
        }
        if (enabled && options == null) {
            // Without the URL's parameters: they may hold a password.
            LOG.infof("Event-loop reads are off: the datasource URL is not jdbc:postgresql://host[:port]/database (%s)",
                    jdbcUrl == null ? null : jdbcUrl.replaceFirst("\\?.*", "?…"));
        }
        this.pool = options == null ? null : PgBuilder.pool()
                // No timer of the pool's own on waiting for a connection: vertx-sql-client 4.5 leaves it running
                // when a connect fails and it then fails the finished read again, an uncaught exception per failed
                // connect (eclipse-vertx/vertx-sql-client#1706). A read waits only for connects, each bounded above.
                .with(new PoolOptions().setMaxSize(connections).setConnectionTimeout(0))
                .connectingTo(options)
                .using(vertx)
                .build();
    }

    /** Connection options from a plain JDBC URL and the datasource's credentials; null for any other URL. */
    static PgConnectOptions connectOptions(String jdbcUrl, Optional<String> user, Optional<String> password) {
        Matcher m = URL.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        if (m.group(4) != null) {
            for (String pair : m.group(4).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        PgConnectOptions options = new PgConnectOptions()
                .setHost(m.group(1))
                .setPort(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))
                .setDatabase(URLDecoder.decode(m.group(3), StandardCharsets.UTF_8))
                .setUser(user.orElse(parameters.getOrDefault("user", "")))
                .setPassword(password.orElse(parameters.getOrDefault("password", "")))
                .setCachePreparedStatements(true)
                .setPipeliningLimit(16);
        // TLS asked of the JDBC driver is not repeated here: such a datasource keeps every read on the ordinary path.
        String ssl = parameters.get("sslmode");
        return ssl == null || ssl.equals("disable") ? options : null;
    }

    /** False when the datasource URL could not be used: callers take the ordinary path. */
    public boolean enabled() {
        return pool != null;
    }

    /**
     * A JDBC statement's {@code ?} placeholders as the Vert.x client's {@code $1, $2, …}, in order. Only for
     * statements with no question mark other than placeholders.
     */
    public static String numbered(String jdbcSql) {
        StringBuilder out = new StringBuilder(jdbcSql.length() + 8);
        int n = 0;
        for (int i = 0; i < jdbcSql.length(); i++) {
            char c = jdbcSql.charAt(i);
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * No credentials, no precondition, and JSON acceptable: a public read whose answer does not depend on anything
     * else the request carries, which an event-loop route may answer as the resource would.
     */
    public static boolean plainPublicRead(HttpServerRequest request) {
        var headers = request.headers();
        if (headers.contains(HttpHeaders.AUTHORIZATION) || headers.contains(HttpHeaders.IF_NONE_MATCH)
                || headers.contains(HttpHeaders.IF_MATCH) || headers.contains(HttpHeaders.IF_MODIFIED_SINCE)
                || headers.contains("If-Unmodified-Since")) {
            return false;
        }
        String accept = headers.get(HttpHeaders.ACCEPT);
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    /** Sends a JSON answer with its strong ETag, as {@link ETags#okJson} would; the bytes are not copied. */
    public static void sendJson(HttpServerResponse response, byte[] json) {
        sendJson(response, Buffer.buffer(Unpooled.wrappedBuffer(json)));
    }

    /** Sends a JSON answer with its strong ETag, as {@link ETags#okJson} would. */
    public static void sendJson(HttpServerResponse response, Buffer json) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ETAG, ETags.tagOf(json.getByteBuf().nioBuffer()).toString())
                .end(json);
    }

    /**
     * Answers a failed event-loop read: PostgreSQL unavailable is the 503 problem the resource would give
     * ({@link DatabaseUnavailable}), answered here rather than trying again through JDBC; anything else is left to the
     * resource ({@code otherwise}), so a broken event-loop connection only costs speed.
     */
    public static void failed(RoutingContext context, Throwable cause, Runnable otherwise) {
        if (!DatabaseUnavailable.isCauseOf(cause)) {
            otherwise.run();
            return;
        }
        DatabaseUnavailable.log(cause);
        context.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .end(Buffer.buffer(ETags.json(DatabaseUnavailable.problem(context.request().path()))));
    }

    /** Runs statements in one transaction on one connection; its handlers run on the calling event loop. */
    public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(work);
    }

    /** Runs one prepared statement; its handlers run on the calling event loop. */
    public Future<RowSet<Row>> query(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters);
    }

    void close(@Observes ShutdownEvent event) {
        if (pool != null) {
            pool.close();
        }
    }
}
