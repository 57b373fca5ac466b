package org.casefile.citation;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a quoted passage in a source text and answers its code-point offsets in the original text.
 *
 * <p>Letters converted from PDF carry hard line breaks, runs of spaces, no-break spaces and typographic quotes,
 * so matching compares {@link #fold folded} forms; the offsets always point into the text as stored. The folding
 * is the twin of the database function {@code cf_fold}, which re-checks every citation on write (FoldingAgreesTest
 * checks that the two agree on every character).
 */
public final class CitationLocator {

    private CitationLocator() {
    }

    /** A passage: code-point offsets into the stored text, end exclusive. */
    public record Passage(int start, int end) {
    }

    /** Locates {@code quote} in the whole of {@code text}. */
    public static Passage locate(String sourceId, String text, String quote, String prefix, String suffix) {
        return locate(sourceId, text, 0, text.codePointCount(0, text.length()), quote, prefix, suffix);
    }

    /**
     * Locates {@code quote} within code points [rangeStart, rangeEnd) of {@code text}. A prefix or suffix, when
     * given, must stand immediately before or after the quote (whitespace folded) and chooses between repeats.
     */
    public static Passage locate(String sourceId, String text, int rangeStart, int rangeEnd,
                                 String quote, String prefix, String suffix) {
        String wanted = quote == null ? "" : fold(quote);
        if (wanted.isEmpty()) {
            throw new QuoteNotLocatedException(sourceId, quote, "the quote is empty; copy the passage from the source");
        }
        Folded folded = Folded.of(text, rangeStart, rangeEnd);
        String foldedPrefix = prefix == null ? "" : fold(prefix);
        String foldedSuffix = suffix == null ? "" : fold(suffix);

        List<Integer> hits = new ArrayList<>();
        int candidates = 0;
        for (int i = folded.text.indexOf(wanted); i >= 0; i = folded.text.indexOf(wanted, i + 1)) {
            candidates++;
            if (precededBy(folded.text, i, foldedPrefix) && followedBy(folded.text, i + wanted.length(), foldedSuffix)) {
                hits.add(i);
            }
        }
        if (hits.isEmpty()) {
            if (candidates > 0) {
                throw new QuoteNotLocatedException(sourceId, quote, "the quote occurs " + candidates
                        + " time(s) but never with the given prefix/suffix immediately around it");
            }
            throw new QuoteNotLocatedException(sourceId, quote, nearMiss(folded.text, wanted));
        }
        if (hits.size() > 1) {
            List<Integer> starts = hits.stream().map(folded::originalStart).toList();
            throw new QuoteNotLocatedException(sourceId, quote, "the quote occurs " + hits.size()
                    + " times (at code points " + starts + "); add a prefix or suffix, the words just before or after it, to choose one");
        }
        int at = hits.get(0);
        return new Passage(folded.originalStart(at), folded.originalEnd(at + wanted.length() - 1));
    }

    /**
     * Every place a phrase stands in code points [rangeStart, rangeEnd) of the text as a whole word or words
     * (not inside a longer word), folded as quotes are. For suggesting mentions, not for citing.
     */
    public static List<Passage> findAll(String text, int rangeStart, int rangeEnd, String phrase) {
        String wanted = fold(phrase);
        List<Passage> found = new ArrayList<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Folded folded = Folded.of(text, rangeStart, rangeEnd);
        for (int i = folded.text.indexOf(wanted); i >= 0; i = folded.text.indexOf(wanted, i + 1)) {
            int after = i + wanted.length();
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(folded.text.charAt(i - 1));
            boolean wordEnd = after >= folded.text.length() || !Character.isLetterOrDigit(folded.text.charAt(after));
            if (wordStart && wordEnd) {
                found.add(new Passage(folded.originalStart(i), folded.originalEnd(after - 1)));
            }
        }
        return found;
    }

    /** Folds whitespace runs to one space, unifies typographic quote marks and dashes, and trims. */
    public static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(unify(cp));
        }
        return out.toString();
    }

    /** The whitespace that cf_fold folds. */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF -> true;
            default -> cp >= 0x2000 && cp <= 0x200B;
        };
    }

    static int unify(int cp) {
        return switch (cp) {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032 -> '\'';
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033 -> '"';
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212 -> '-';
            default -> cp;
        };
    }

    private static boolean precededBy(String text, int at, String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        int end = at;
        if (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.startsWith(prefix, end - prefix.length()) && end - prefix.length() >= 0;
    }

    private static boolean followedBy(String text, int at, String suffix) {
        if (suffix.isEmpty()) {
            return true;
        }
        int start = at < text.length() && text.charAt(at) == ' ' ? at + 1 : at;
        return text.startsWith(suffix, start);
    }

    /** Says how much of the quote's beginning does occur, so the editor sees where the copy went wrong. */
    private static String nearMiss(String text, String wanted) {
        int lo = 0;
        int hi = wanted.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (text.contains(wanted.substring(0, mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo < Math.min(8, wanted.length())) {
            return "no passage of the source matches it";
        }
        int next = Math.min(wanted.length(), lo + 20);
        return "no passage of the source matches it; the source has \"" + wanted.substring(0, lo)
                + "\" but not what follows (\"" + wanted.substring(lo, next) + "\")";
    }

    /** The folded form of a range of the text, with a map back to original code-point offsets. */
    private record Folded(String text, int[] startOf, int[] endOf) {

        static Folded of(String original, int rangeStart, int rangeEnd) {
            StringBuilder out = new StringBuilder();
            int[] startOf = new int[Math.max(16, original.length() + 2)];
            int[] endOf = new int[startOf.length];
            int cpIndex = 0;
            int pendingSpaceStart = -1;
            int pendingSpaceEnd = -1;
            for (int i = 0; i < original.length(); cpIndex++) {
                int cp = original.codePointAt(i);
                i += Character.charCount(cp);
                if (cpIndex < rangeStart) {
                    continue;
                }
                if (cpIndex >= rangeEnd) {
                    break;
                }
                if (isSpace(cp)) {
                    if (pendingSpaceStart < 0) {
                        pendingSpaceStart = cpIndex;
                    }
                    pendingSpaceEnd = cpIndex + 1;
                    continue;
                }
                if (pendingSpaceStart >= 0 && out.length() > 0) {
                    startOf[out.length()] = pendingSpaceStart;
                    endOf[out.length()] = pendingSpaceEnd;
                    out.append(' ');
                }
                pendingSpaceStart = -1;
                int unified = unify(cp);
                int units = Character.charCount(unified);
                for (int u = 0; u < units; u++) {
                    startOf[out.length() + u] = cpIndex;
                    endOf[out.length() + u] = cpIndex + 1;
                }
                out.appendCodePoint(unified);
            }
            return new Folded(out.toString(), startOf, endOf);
        }

        int originalStart(int foldedIndex) {
            return startOf[foldedIndex];
        }

        int originalEnd(int foldedIndex) {
            return endOf[foldedIndex];
        }
    }
}
