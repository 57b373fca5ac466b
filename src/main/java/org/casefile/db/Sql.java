package org.casefile.db;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * The one way Casefile's Java reads and writes SQL: a statement with named parameters ({@code :name}), written once as
 * a constant, its rows read by column name through {@link Row}. It runs on a JDBC connection the caller holds, on one
 * taken from a data source for the call, or in the caller's Hibernate transaction (the same connection, so the same
 * role and row security as its entities; pending entity changes are flushed first, as Hibernate does before a native
 * query).
 */
public final class Sql {

    private final String text;
    private final String jdbc;
    private final List<String> parameters;

    private Sql(String text, String jdbc, List<String> parameters) {
        this.text = text;
        this.jdbc = jdbc;
        this.parameters = parameters;
    }

    /** The statement {@code text}, its parameters named {@code :name} (PostgreSQL's {@code ::} casts are left alone). */
    public static Sql of(String text) {
        StringBuilder jdbc = new StringBuilder(text.length());
        List<String> parameters = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            int end = i + 1;
            if (ch == '\'' || ch == '"') { // a literal or a quoted name, doubled quotes inside
                end = text.indexOf(ch, i + 1);
                while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == ch) {
                    end = text.indexOf(ch, end + 2);
                }
                end = end < 0 ? text.length() : end + 1;
            } else if (ch == '-' && text.startsWith("--", i)) {
                end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
            } else if (ch == ':' && text.startsWith("::", i)) {
                end = i + 2;
            } else if (ch == ':' && i + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                parameters.add(text.substring(i + 1, end));
                jdbc.append('?');
                i = end;
                continue;
            }
            jdbc.append(text, i, end);
            i = end;
        }
        return new Sql(text, jdbc.toString(), List.copyOf(parameters));
    }

    /** The statements made per shape so far, by their text (see {@link #ofShape}). */
    private static final Map<String, Sql> SHAPES = new ConcurrentHashMap<>();

    /**
     * {@link #of}, parsed once per text: for a statement put together from constant pieces by the filters a request
     * gives (never from values, which are bound), so the texts are a bounded set.
     */
    public static Sql ofShape(String text) {
        return SHAPES.computeIfAbsent(text, Sql::of);
    }

    /** The statement as written, with its named parameters. */
    public String text() {
        return text;
    }

    /** The statement as JDBC receives it: each named parameter a {@code ?}. */
    String jdbc() {
        return jdbc;
    }

    /** To run on {@code connection}, which the caller keeps open and closes. */
    public Statement on(Connection connection) {
        return new Statement(connection, null, null);
    }

    /** To run on a connection taken from {@code dataSource} for the call and given back after it. */
    public Statement with(DataSource dataSource) {
        return new Statement(null, dataSource, null);
    }

    /** To run in {@code em}'s transaction, after its pending changes are flushed. */
    public Statement in(EntityManager em) {
        return new Statement(null, null, em.unwrap(Session.class));
    }

    /** What a statement does with its connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A statement about to run: its parameters bound by name, then run once. */
    public final class Statement {

        private final Connection connection;
        private final DataSource dataSource;
        private final Session session;
        private final Map<String, Object> values = new HashMap<>();
        private int fetchSize;

        private Statement(Connection connection, DataSource dataSource, Session session) {
            this.connection = connection;
            this.dataSource = dataSource;
            this.session = session;
        }

        /**
         * Binds {@code :name} (every place it occurs) to {@code value}: a {@code String[]}, {@code Long[]} or
         * {@code Integer[]} as a PostgreSQL array (text, bigint, integer), anything else as JDBC's setObject takes it.
         */
        public Statement bind(String name, Object value) {
            if (!parameters.contains(name)) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + text);
            }
            values.put(name, value);
            return this;
        }

        /**
         * Reads {@code rows} rows a round trip through a cursor, so a long answer streams without being held (PostgreSQL
         * keeps a cursor only inside a transaction: the connection's autocommit must be off).
         */
        public Statement fetchSize(int rows) {
            this.fetchSize = rows;
            return this;
        }

        /** Every row, each given to {@code consumer} as it is read. */
        public void forEach(RowConsumer consumer) {
            query(r -> {
                Row row = new Row(r);
                while (r.next()) {
                    consumer.accept(row);
                }
                return null;
            });
        }

        /** Every row, each read by {@code mapper}. */
        public <T> List<T> list(RowMapper<T> mapper) {
            return query(r -> {
                List<T> out = new ArrayList<>();
                Row row = new Row(r);
                while (r.next()) {
                    out.add(mapper.map(row));
                }
                return out;
            });
        }

        /** The first row read by {@code mapper}, if there is one. */
        public <T> Optional<T> first(RowMapper<T> mapper) {
            return query(r -> r.next() ? Optional.ofNullable(mapper.map(new Row(r))) : Optional.empty());
        }

        /** The one row a statement always answers (an aggregate, a function's result), read by {@code mapper}. */
        public <T> T one(RowMapper<T> mapper) {
            return query(r -> {
                if (!r.next()) {
                    throw new IllegalStateException("no row from " + text);
                }
                return mapper.map(new Row(r));
            });
        }

        /** Runs a statement for what it does (a lock taken, a setting made), whatever it answers. */
        public void execute() {
            run(c -> {
                try (PreparedStatement s = prepare(c)) {
                    return s.execute();
                }
            });
        }

        /** Runs a statement that answers no rows; the number of rows it changed. */
        public int update() {
            return run(c -> {
                try (PreparedStatement s = prepare(c)) {
                    return s.executeUpdate();
                }
            });
        }

        private <T> T query(ResultReader<T> reader) {
            return run(c -> {
                try (PreparedStatement s = prepare(c); ResultSet r = s.executeQuery()) {
                    return reader.read(r);
                }
            });
        }

        private <T> T run(Work<T> work) {
            try {
                if (connection != null) {
                    return work.run(connection);
                }
                if (dataSource != null) {
                    try (Connection c = dataSource.getConnection()) {
                        return work.run(c);
                    }
                }
                if (session.isJoinedToTransaction() && session.getHibernateFlushMode() != FlushMode.MANUAL) {
                    session.flush();
                }
                return session.doReturningWork(work::run);
            } catch (SQLException e) {
                throw new Failure(text, e);
            }
        }

        private PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement s = c.prepareStatement(jdbc);
            try {
                s.setFetchSize(fetchSize);
                for (int i = 0; i < parameters.size(); i++) {
                    String name = parameters.get(i);
                    if (!values.containsKey(name)) {
                        throw new IllegalStateException("parameter :" + name + " not bound in " + text);
                    }
                    s.setObject(i + 1, value(c, values.get(name)));
                }
                return s;
            } catch (SQLException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    private static Object value(Connection c, Object value) throws SQLException {
        if (value instanceof String[] texts) {
            return c.createArrayOf("text", texts);
        }
        if (value instanceof Long[] numbers) {
            return c.createArrayOf("bigint", numbers);
        }
        if (value instanceof Integer[] numbers) {
            return c.createArrayOf("integer", numbers);
        }
        return value;
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    /** Takes one row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(Row row) throws SQLException;
    }

    /** A statement failed in PostgreSQL or on the way there; the SQLException is the cause, as problem mappers expect. */
    public static final class Failure extends RuntimeException {
        Failure(String text, SQLException cause) {
            super("SQL failed: " + cause.getMessage() + "\n" + text, cause);
        }
    }
}
