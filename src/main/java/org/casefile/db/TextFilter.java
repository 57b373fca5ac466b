package org.casefile.db;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.casefile.problem.ProblemException;

/**
 * The {@code q} filter of the incident, figure and organisation lists: every word of q must occur in one of the
 * record's text fields, in any order, as written ({@code %} and {@code _} are characters, not wildcards), case set
 * aside by PostgreSQL's {@code lower()} on both sides. People are found by name otherwise (PersonNameIndex).
 */
public record TextFilter(List<String> words) {

    /** More words than a person types to narrow a list; each is one more condition on every row. */
    static final int MAX_WORDS = 20;

    /** The words of q (none when q is absent or blank); more than {@link #MAX_WORDS} is a 400 naming q. */
    public static TextFilter of(String q) {
        if (q == null || q.isBlank()) {
            return new TextFilter(List.of());
        }
        List<String> words = Arrays.stream(q.strip().split("\\s+")).distinct().toList();
        if (words.size() > MAX_WORDS) {
            throw ProblemException.badParameter("q", "'q' matches records by at most " + MAX_WORDS + " words; got "
                    + words.size() + ". Keep the words that set the records apart.");
        }
        return new TextFilter(words);
    }

    /**
     * A JPQL condition to append to a where clause: {@code " and (...)"} per word, over the given fields (JPQL paths
     * such as {@code i.title}); empty without words. Its parameters ({@code word0}, {@code word1}, …) go into
     * {@code params}.
     */
    public String condition(Map<String, Object> params, String... fields) {
        StringBuilder condition = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String parameter = "word" + i;
            params.put(parameter, words.get(i));
            condition.append(Arrays.stream(fields).map(f -> "locate(lower(:" + parameter + "), lower(" + f + ")) > 0")
                    .collect(Collectors.joining(" or ", " and (", ")")));
        }
        return condition.toString();
    }
}
