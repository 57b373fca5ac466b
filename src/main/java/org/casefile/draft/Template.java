package org.casefile.draft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casefile.problem.ProblemException;

/**
 * A draft template: text with placeholders in double braces, {@code {{name key=value key="two words" word}}}. Parsed
 * whole before anything is rendered, so a malformed template is refused before any data is read.
 */
public record Template(List<Part> parts) {

    /** Text copied as is, or a placeholder to render. */
    public sealed interface Part permits Text, Placeholder {
    }

    public record Text(String text) implements Part {
    }

    /**
     * One placeholder: its name, its key=value arguments in order, its bare words, the text as written, and where it
     * starts (code points from the template's start; line and column from 1).
     */
    public record Placeholder(String name, Map<String, String> arguments, List<String> words, String raw, int position,
                              int line, int column) implements Part {

        /** A 400 naming this placeholder and where it is, for the writer to find it in their text. */
        public ProblemException problem(String detail) {
            return problem(detail, null);
        }

        public ProblemException problem(String detail, String parameter) {
            return problem("Invalid placeholder", detail, parameter);
        }

        ProblemException problem(String title, String detail, String parameter) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("placeholder", raw);
            ext.put("position", position);
            ext.put("line", line);
            ext.put("column", column);
            if (parameter != null) {
                ext.put("parameter", parameter);
            }
            return new ProblemException(400, title, raw + " at line " + line + ", column " + column + ": " + detail, ext);
        }
    }

    /** How many placeholders the template holds. */
    public long placeholders() {
        return parts.stream().filter(p -> p instanceof Placeholder).count();
    }

    public static Template parse(String template) {
        List<Part> parts = new ArrayList<>();
        int[] cps = template.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < cps.length) {
            if (at(cps, i, '{', '{')) {
                if (!text.isEmpty()) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                int end = closing(cps, i);
                String raw = new String(cps, i, end + 2 - i);
                parts.add(placeholder(new String(cps, i + 2, end - i - 2), raw, i, cps));
                i = end + 2;
            } else if (at(cps, i, '}', '}')) {
                throw malformed(cps, i, "}}", "'}}' closes no placeholder: a placeholder opens with '{{'.");
            } else {
                text.appendCodePoint(cps[i]);
                i++;
            }
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new Template(parts);
    }

    /** The index of the "}}" that closes the placeholder opened at {@code open}; quoted values may hold braces. */
    private static int closing(int[] cps, int open) {
        int quote = 0;
        for (int i = open + 2; i < cps.length; i++) {
            int c = cps[i];
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (at(cps, i, '}', '}')) {
                return i;
            } else if (at(cps, i, '{', '{')) {
                break;
            }
        }
        String opened = new String(cps, open, unclosedEnd(cps, open) - open).strip();
        throw malformed(cps, open, opened, quote != 0
                ? "a quoted value is not closed before the end of the placeholder."
                : "this placeholder is not closed: add '}}' after its arguments.");
    }

    /** Where to stop quoting an unclosed placeholder: its first "}}", else the next "{{", else the end. */
    private static int unclosedEnd(int[] cps, int open) {
        int next = cps.length;
        for (int i = open + 2; i < cps.length; i++) {
            if (at(cps, i, '{', '{')) {
                next = i;
                break;
            }
        }
        for (int i = open + 2; i < next; i++) {
            if (at(cps, i, '}', '}')) {
                return i + 2;
            }
        }
        return next;
    }

    private static Placeholder placeholder(String inner, String raw, int position, int[] cps) {
        int line = lineOf(cps, position);
        int column = columnOf(cps, position);
        List<String> tokens = tokens(inner);
        if (tokens.isEmpty()) {
            throw new Placeholder("", Map.of(), List.of(), raw, position, line, column)
                    .problem("the placeholder is empty; write e.g. {{count status=detained}}.");
        }
        String name = tokens.get(0);
        Placeholder bare = new Placeholder(name, Map.of(), List.of(), raw, position, line, column);
        if (!name.matches("[A-Za-z]+")) {
            throw bare.problem("'" + name + "' is not a placeholder name; write e.g. {{count status=detained}}.");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                words.add(unquote(token));
                continue;
            }
            String key = token.substring(0, eq);
            if (!key.matches("[A-Za-z]+")) {
                throw bare.problem("'" + token + "' is not a filter: write key=value, e.g. status=detained.");
            }
            if (arguments.containsKey(key)) {
                throw bare.problem("'" + key + "' is given twice.", key);
            }
            String value = unquote(token.substring(eq + 1));
            if (value.isBlank()) {
                throw bare.problem("'" + key + "' has no value.", key);
            }
            arguments.put(key, value);
        }
        return new Placeholder(name, arguments, words, raw, position, line, column);
    }

    /** Words separated by spaces; a quoted stretch ("two words") stays one word with its quotes. */
    private static List<String> tokens(String inner) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int quote = 0;
        for (int c : inner.codePoints().toArray()) {
            if (quote != 0) {
                current.appendCodePoint(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                current.appendCodePoint(c);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static boolean at(int[] cps, int i, char a, char b) {
        return i + 1 < cps.length && cps[i] == a && cps[i + 1] == b;
    }

    private static ProblemException malformed(int[] cps, int position, String what, String detail) {
        return new Placeholder("", Map.of(), List.of(), what, position, lineOf(cps, position), columnOf(cps, position))
                .problem("Malformed template", detail, null);
    }

    private static int lineOf(int[] cps, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (cps[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(int[] cps, int position) {
        int column = 1;
        for (int i = position - 1; i >= 0 && cps[i] != '\n'; i--) {
            column++;
        }
        return column;
    }
}
