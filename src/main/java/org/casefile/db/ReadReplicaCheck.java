package org.casefile.db;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The read replica in /q/health/ready, when one is configured (without, readiness is as it always was): always up
 * (without the replica the primary answers every read), with where public reads go now and how far the replica's
 * replay is behind ({@link ReadReplica#report}).
 */
@ApplicationScoped
public class ReadReplicaCheck implements HealthCheck {

    private final ReadReplica replica;
    private final HealthRegistry readiness;

    public ReadReplicaCheck(ReadReplica replica, @Readiness HealthRegistry readiness) {
        this.replica = replica;
        this.readiness = readiness;
    }

    void onStart(@Observes StartupEvent event) {
        if (replica.configured()) {
            readiness.register("read replica", this);
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder out = HealthCheckResponse.named("read replica").up();
        replica.report().forEach((name, value) -> {
            if (value instanceof Boolean b) {
                out.withData(name, b);
            } else if (value instanceof Number n) {
                out.withData(name, n.longValue());
            } else {
                out.withData(name, String.valueOf(value));
            }
        });
        return out.build();
    }
}
