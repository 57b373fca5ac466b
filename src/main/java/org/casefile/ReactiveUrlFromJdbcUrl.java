package org.casefile;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reactive client's URL derived from the JDBC datasource's, unless one is configured: both clients log in to the
 * same database as the same role (the datasource's username and password), and whoever configures Casefile names
 * its database once (QUARKUS_DATASOURCE_JDBC_URL, or the embedded database CasefileMain starts). Likewise the read
 * replica's, from CASEFILE_READ_REPLICA_JDBC_URL.
 */
public class ReactiveUrlFromJdbcUrl implements ConfigSourceInterceptor {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    /** The read replica's reactive client (ReadReplica), from the JDBC URL its setting names. */
    static final java.util.Set<String> REPLICA_REACTIVE_URL = java.util.Set.of("quarkus.datasource.\"replica\".reactive.url",
            "quarkus.datasource.replica.reactive.url");
    static final String REPLICA_JDBC_URL = "casefile.read-replica.jdbc-url";

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]+)(?:\\?(.*))?");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        boolean replica = REPLICA_REACTIVE_URL.contains(name);
        if (value != null || !name.equals(REACTIVE_URL) && !replica) {
            return value;
        }
        ConfigValue jdbc = context.proceed(replica ? REPLICA_JDBC_URL : JDBC_URL);
        String url = jdbc == null ? null : reactiveUrl(jdbc.getValue());
        return url == null ? null : jdbc.withName(REACTIVE_URL).withValue(url);
    }

    /**
     * {@code jdbc:postgresql://host[:port][,host[:port]…]/database[?…]} as the reactive client's URLs (one per host,
     * comma-separated), keeping only sslmode of the parameters; null for any other form.
     */
    static String reactiveUrl(String jdbcUrl) {
        Matcher m = JDBC.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!m.matches()) {
            return null;
        }
        String ssl = "";
        if (m.group(3) != null) {
            for (String pair : m.group(3).split("&")) {
                if (pair.startsWith("sslmode=")) {
                    ssl = "?" + pair;
                }
            }
        }
        List<String> urls = new ArrayList<>();
        for (String host : m.group(1).split(",")) {
            urls.add("postgresql://" + host + "/" + m.group(2) + ssl);
        }
        return String.join(",", urls);
    }
}
