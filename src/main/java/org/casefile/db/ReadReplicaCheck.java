package org.casefile.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The read replica in /q/health/ready: always up (without the replica the primary answers every read), with whether one
 * is configured, where public reads go now, and how far its replay is behind ({@link ReadReplica#report}).
 */
@Readiness
@ApplicationScoped
public class ReadReplicaCheck implements HealthCheck {

    private final ReadReplica replica;

    public ReadReplicaCheck(ReadReplica replica) {
        this.replica = replica;
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
