package org.casefile.api;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the event-loop connections ({@link EventLoopReads}) next to the JDBC datasource's own check: down
 * while PostgreSQL cannot be reached through them, up again once it can, without a restart.
 */
@Readiness
@ApplicationScoped
public class EventLoopReadsHealthCheck implements AsyncHealthCheck {

    static final String NAME = "Event-loop database connections health check";

    private final EventLoopReads reads;

    public EventLoopReadsHealthCheck(EventLoopReads reads) {
        this.reads = reads;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!reads.enabled()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("enabled", false).build());
        }
        // The pool's own connect and acquisition timeouts bound the wait.
        return Uni.createFrom().completionStage(() -> reads.query("select 1", io.vertx.sqlclient.Tuple.tuple()).toCompletionStage())
                .map(rows -> HealthCheckResponse.named(NAME).up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down().withData("reason", String.valueOf(e.getMessage())).build());
    }
}
