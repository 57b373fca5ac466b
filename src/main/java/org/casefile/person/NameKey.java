package org.casefile.person;

import java.util.regex.Pattern;

/**
 * cf_name_key (V2) computed in Java for queries in plain ASCII, where it is exact: unaccent maps no ASCII character,
 * lower case and letters and digits are the same in every locale. It spares a name search a round trip to
 * PostgreSQL. NameKeyTest compares it with the database's own function.
 */
final class NameKey {

    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
    /** V2's honorifics, word for word. */
    private static final Pattern HONORIFIC = Pattern.compile(
            "(^| )(mr|mrs|ms|miss|dr|prof|h e|he|sen|senator|samdech|lok|neak|oknha|excellency)( |$)");
    private static final Pattern SPACES = Pattern.compile(" +");

    private NameKey() {
    }

    /** The search key of {@code q}, or null when {@code q} holds anything but ASCII (PostgreSQL computes those). */
    static String of(String q) {
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == 0 || c > 127) {
                return null;
            }
        }
        StringBuilder lower = new StringBuilder(q.length());
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        String words = NOT_ALNUM.matcher(lower).replaceAll(" ");
        String plain = SPACES.matcher(HONORIFIC.matcher(words).replaceAll(" ")).replaceAll(" ");
        int from = 0;
        int to = plain.length();
        while (from < to && plain.charAt(from) == ' ') {
            from++;
        }
        while (to > from && plain.charAt(to - 1) == ' ') {
            to--;
        }
        return plain.substring(from, to);
    }
}
