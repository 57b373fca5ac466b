package org.casefile.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.casefile.db.Sql;
import org.junit.jupiter.api.Test;

/**
 * bench/ sets the service beside PostgreSQL alone, sending with pgbench the statements the service sends. Each such
 * statement in bench/pgbench/ follows a line naming the service's constant it is, and how pgbench gives its parameters
 * ({@code -- service: org.casefile.person.PersonService.SUMMARIES; :day = date '2010-01-01' + cast(:d as int)}; a
 * parameter not listed is pgbench's variable of the same name). This test holds each to the service's text, so the
 * benchmark measures what the service runs, not a copy that drifted.
 */
class BenchSqlTest {

    private static final Path PGBENCH = Path.of("bench/pgbench");
    private static final String MARK = "-- service: ";
    /** A named parameter (not a {@code ::} cast) or a Vert.x positional one. */
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)|\\$(\\d+)");

    @Test
    void everyPgbenchScriptSendsTheServicesOwnStatements() throws IOException {
        List<String> unmarked = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(PGBENCH)) {
            for (Path script : scripts.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
                int marked = 0;
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith(MARK)) {
                        marked++;
                        StringBuilder statement = new StringBuilder();
                        int j = i + 1;
                        for (; j < lines.size() && !ends(lines.get(j)); j++) {
                            statement.append(lines.get(j)).append('\n');
                        }
                        if (j < lines.size()) {
                            statement.append(lines.get(j).replaceFirst("(;|\\\\gset)\\s*$", ""));
                        }
                        String where = script.getFileName() + ":" + (i + 1);
                        assertEquals(normal(servicesStatement(lines.get(i).substring(MARK.length()), where)),
                                normal(statement.toString()), where + " is not the service's statement it names");
                    }
                }
                if (marked == 0) {
                    unmarked.add(script.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), unmarked, "pgbench scripts that name no statement of the service's");
    }

    private static boolean ends(String line) {
        return line.stripTrailing().endsWith(";") || line.stripTrailing().endsWith("\\gset");
    }

    /** The named constant's text with its parameters given as the mark says. */
    private static String servicesStatement(String mark, String where) {
        String[] parts = mark.split(";\\s*");
        Map<String, String> given = new LinkedHashMap<>();
        for (int k = 1; k < parts.length; k++) {
            String[] pair = parts[k].split("\\s*=\\s*", 2);
            given.put(pair[0].replaceFirst("^[:]", ""), pair[1]);
        }
        String text = constant(parts[0].strip(), where);
        Matcher m = PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : "$" + m.group(2);
            String value = given.get(name);
            assertFalse(value == null && m.group(2) != null, where + ": " + name + " is not given");
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : ":" + name));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String constant(String name, String where) {
        int dot = name.lastIndexOf('.');
        try {
            Field field = Class.forName(name.substring(0, dot)).getDeclaredField(name.substring(dot + 1));
            field.setAccessible(true);
            Object value = field.get(null);
            return value instanceof Sql sql ? sql.text() : (String) value;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(where + ": no constant " + name, e);
        }
    }

    private static String normal(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }
}
