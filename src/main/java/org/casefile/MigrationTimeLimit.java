package org.casefile;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrations run without the statement time limit every connection of the service logs in with
 * (casefile.limits.statement-timeout): on a large database a migration may rightly take minutes, and one stopped
 * half-way stops the service from starting. Lifted with {@code set local} in each migration's own transaction, so the
 * pooled connection Flyway borrowed goes back with its limit.
 */
@Singleton
public class MigrationTimeLimit implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        List<Callback> callbacks = new ArrayList<>(List.of(configuration.getCallbacks()));
        callbacks.add(new Lift());
        configuration.callbacks(callbacks.toArray(Callback[]::new));
    }

    /** Before each migration, in its transaction: no statement time limit until it commits. */
    public static final class Lift implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("set local statement_timeout = 0");
            } catch (SQLException e) {
                throw new FlywayException("Could not lift the statement time limit for a migration: " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "casefile-migration-time-limit";
        }
    }
}
