package org.casefile.db;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The optional streaming replica of PostgreSQL that the public's reads answered on the event loop (a kept person
 * document, a kept status) are read from: set CASEFILE_READ_REPLICA_JDBC_URL, a JDBC URL like the primary's, the same
 * role logging in (the named datasource "replica"; without the URL it is inactive and nothing changes). Everything else
 * reads the primary: editors and every client that writes (they are signed in) read their own writes at once.
 *
 * <p>Every second it measures how far the replica's replay is behind the primary's WAL. While that is more than
 * {@code casefile.read-replica.max-lag-bytes}, or the replica cannot be reached, the public reads the primary too, so
 * no public answer is older than that bound. {@link ReadReplicaCheck} reports the lag and where public reads go.
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    /** How far the replica's replay is behind {@code $1}, the primary's WAL position just read, and its last replay. */
    private static final String LAG = """
            select pg_is_in_recovery() as replica,
                   greatest(pg_wal_lsn_diff(cast($1 as pg_lsn), pg_last_wal_replay_lsn()), 0)::bigint as bytes,
                   extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as seconds""";

    /** What the last measure found: the lag in bytes (null if not measured), seconds since the last replayed commit, why not usable. */
    record Lag(Long bytes, Double seconds, String problem) {
    }

    private final Pool primary;
    private final InjectableInstance<Pool> replica;
    private final long maxLagBytes;
    private volatile Lag lag = new Lag(null, null, "not measured yet");

    public ReadReplica(Pool primary, @ReactiveDataSource("replica") InjectableInstance<Pool> replica,
                       @ConfigProperty(name = "casefile.read-replica.max-lag-bytes", defaultValue = "16777216") long maxLagBytes) {
        this.primary = primary;
        this.replica = replica;
        this.maxLagBytes = maxLagBytes;
    }

    /** Whether a replica is configured. */
    public boolean configured() {
        return replica.getHandle().getBean().isActive();
    }

    /** Whether the public's reads go to the replica now: configured, reachable, and within the lag bound. */
    public boolean serving() {
        Lag now = lag;
        return configured() && now.problem() == null && now.bytes() != null && now.bytes() <= maxLagBytes;
    }

    /**
     * A public read: on the replica while it {@link #serving serves}, else on the primary; a read the replica fails is
     * read again on the primary (and the replica left out until the next measure finds it well).
     */
    public <T> Uni<T> publicRead(Function<Pool, Uni<T>> read) {
        if (!serving()) {
            return read.apply(primary);
        }
        return read.apply(replica.get()).onFailure().recoverWithUni(e -> {
            lag = new Lag(null, null, "a read failed: " + e.getMessage());
            return read.apply(primary);
        });
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        if (!configured()) {
            return Uni.createFrom().voidItem();
        }
        return primary.query("select cast(pg_current_wal_lsn() as text) as lsn").execute()
                .map(rows -> rows.iterator().next().getString("lsn"))
                .chain(lsn -> replica.get().preparedQuery(LAG).execute(Tuple.of(lsn)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return Boolean.TRUE.equals(r.getBoolean("replica"))
                            ? new Lag(r.getLong("bytes"), r.getDouble("seconds"), null)
                            : new Lag(null, null, "the replica's server is not in recovery: it is not a streaming replica");
                })
                .onFailure().recoverWithItem(e -> new Lag(null, null, "not reachable: " + e.getMessage()))
                .invoke(this::remember)
                .replaceWithVoid();
    }

    private void remember(Lag measured) {
        boolean was = serving();
        lag = measured;
        boolean is = serving();
        if (was != is) {
            LOG.infof(is ? "Public reads from the read replica again (%s bytes behind)."
                    : "Public reads from the primary: the read replica %s.", is ? measured.bytes() : measured.problem() != null
                    ? measured.problem() : "is " + measured.bytes() + " bytes behind (bound " + maxLagBytes + ")");
        }
    }

    /** What the health check reports: whether configured, where public reads go, the lag and any problem. */
    public java.util.Map<String, Object> report() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("configured", configured());
        if (configured()) {
            Lag now = lag;
            out.put("publicReadsFrom", serving() ? "replica" : "primary");
            out.put("maxLagBytes", maxLagBytes);
            if (now.bytes() != null) {
                out.put("lagBytes", now.bytes());
            }
            if (now.seconds() != null) {
                out.put("secondsSinceLastReplayedCommit", Math.round(now.seconds()));
            }
            if (now.problem() != null) {
                out.put("problem", now.problem());
            }
        }
        return out;
    }
}
