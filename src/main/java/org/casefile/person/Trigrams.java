package org.casefile.person;

import java.util.Arrays;

/**
 * pg_trgm's {@code similarity} and {@code word_similarity}, computed as PostgreSQL 15 computes them (contrib/pg_trgm,
 * trgm_op.c: generate_trgm_only, cnt_sml, calc_word_similarity, iterate_word_similarity), for plain search keys
 * only: keys made of a-z, 0-9 and spaces, which is what cf_name_key leaves of a name in Latin letters. For those, a
 * word is a run of letters and digits in every locale, lower case changes nothing, and a trigram is its three bytes,
 * so the result is PostgreSQL's to the bit (TrigramsTest compares them). Other keys are left to PostgreSQL.
 *
 * A trigram is held as a number below {@link #CODES}: each of its three characters as 0 (space), 1-26 (a-z) or
 * 27-36 (0-9).
 */
final class Trigrams {

    /** How many trigram codes there are. */
    static final int CODES = 37 * 37 * 37;

    private Trigrams() {
    }

    /** True when the key holds only a-z, 0-9 and spaces (the empty key too). */
    static boolean plain(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (digit(key.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c == ' ') {
            return 0;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 1;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 27;
        }
        return -1;
    }

    /**
     * The key's trigrams in order, repeats kept, as pg_trgm makes them: each word padded with two spaces before and
     * one after. The key must be {@link #plain}.
     */
    static char[] sequence(String key) {
        char[] out = new char[key.length() * 2 + 2];
        int n = 0;
        int i = 0;
        while (i < key.length()) {
            while (i < key.length() && key.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < key.length() && key.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                // "  word ": the trigrams of the padded word.
                int a = 0;
                int b = 0;
                for (int k = start; k <= i; k++) {
                    int c = k < i ? digit(key.charAt(k)) : 0;
                    out[n++] = (char) ((a * 37 + b) * 37 + c);
                    a = b;
                    b = c;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The distinct trigrams of a sequence, in ascending order. */
    static char[] distinct(char[] sequence) {
        char[] sorted = sequence.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** pg_trgm's CALCSML, in float4 as there. */
    private static float calcSml(int count, int len1, int len2) {
        return (float) count / (float) (len1 + len2 - count);
    }

    /**
     * A text's trigram sequence made ready for scoring: its distinct trigrams in the order they first occur, and for
     * each position of the sequence, which of them stands there.
     */
    record Text(char[] codes, char[] local) {

        static Text of(char[] sequence) {
            char[] codes = new char[sequence.length];
            char[] local = new char[sequence.length];
            int distinct = 0;
            for (int i = 0; i < sequence.length; i++) {
                int d = 0;
                while (d < distinct && codes[d] != sequence[i]) {
                    d++;
                }
                if (d == distinct) {
                    codes[distinct++] = sequence[i];
                }
                local[i] = (char) d;
            }
            return new Text(Arrays.copyOf(codes, distinct), local);
        }
    }

    /**
     * A search key made ready to be compared with many texts: its distinct trigrams, and a table from trigram code
     * to the trigram's place among them (a small hash table: one indexed by every code took 50 KB per search). One search, one thread; {@link #score} keeps its results in the object.
     */
    static final class Query {
        /** The most distinct trigrams a query may have (its places are kept in a byte). */
        static final int MAX_TRIGRAMS = 255;

        /** The query's distinct trigrams, ascending. */
        final char[] trigrams;
        /** Slots of the table: a power of two, at least twice {@link #MAX_TRIGRAMS}, so a lookup probes few. */
        private static final int SLOTS = 512;
        /** Per slot, 1 + the trigram code it holds (0: empty), and that trigram's place in {@link #trigrams}. */
        private final char[] slotCode = new char[SLOTS];
        private final byte[] slotPlace = new byte[SLOTS];
        private int[] indexes = new int[64];
        private int[] lastpos = new int[128];
        /** For each of the text's distinct trigrams, its index (see score). */
        private int[] indexOfDistinct = new int[64];
        private float word;
        private float whole;

        /** The key as a query, or null when it is not {@link #plain} or has over {@link #MAX_TRIGRAMS} trigrams. */
        static Query of(String key) {
            if (!plain(key)) {
                return null;
            }
            char[] trigrams = distinct(sequence(key));
            return trigrams.length > MAX_TRIGRAMS ? null : new Query(trigrams);
        }

        private Query(char[] trigrams) {
            this.trigrams = trigrams;
            for (int i = 0; i < trigrams.length; i++) {
                int slot = slot(trigrams[i]);
                while (slotCode[slot] != 0) {
                    slot = (slot + 1) & (SLOTS - 1);
                }
                slotCode[slot] = (char) (trigrams[i] + 1);
                slotPlace[slot] = (byte) i;
            }
        }

        private static int slot(char code) {
            return (code * 0x9E3779B1) >>> 23;
        }

        /** The trigram's place in {@link #trigrams}, or -1 when the query lacks it. */
        private int placeOf(char code) {
            for (int slot = slot(code); ; slot = (slot + 1) & (SLOTS - 1)) {
                char held = slotCode[slot];
                if (held == 0) {
                    return -1;
                }
                if (held == code + 1) {
                    return slotPlace[slot] & 0xff;
                }
            }
        }

        /** word_similarity(query, text) as of the last {@link #score}. */
        float word() {
            return word;
        }

        /** similarity(text, query) as of the last {@link #score}. */
        float whole() {
            return whole;
        }

        /**
         * Scores a text given as a {@link Text}, flattened: its positions local[offset .. offset + length) and its
         * distinct trigrams codes[codesOffset .. codesOffset + distinct). Its word similarity is a line-by-line port
         * of iterate_word_similarity without its early exit; its whole-name similarity is cnt_sml's.
         */
        void score(char[] local, int offset, int length, char[] codes, int codesOffset, int distinct) {
            int ulen1 = trigrams.length;
            if (indexes.length < length) {
                indexes = new int[length * 2];
            }
            if (indexOfDistinct.length < distinct) {
                indexOfDistinct = new int[distinct * 2];
            }
            if (lastpos.length < ulen1 + distinct) {
                lastpos = new int[ulen1 + distinct];
            }
            // Each distinct trigram gets an index: the query's own first (those are "found"), then the text's others.
            int common = 0;
            for (int d = 0; d < distinct; d++) {
                int q = placeOf(codes[codesOffset + d]);
                if (q >= 0) {
                    indexOfDistinct[d] = q;
                    common++;
                } else {
                    indexOfDistinct[d] = ulen1 + d;
                }
            }
            for (int i = 0; i < length; i++) {
                indexes[i] = indexOfDistinct[local[offset + i]];
            }
            whole = ulen1 == 0 || distinct == 0 ? 0f : calcSml(common, distinct, ulen1);
            Arrays.fill(lastpos, 0, ulen1 + distinct, -1);
            int ulen2 = 0;
            int count = 0;
            int upper;
            int lower = -1;
            float smlrMax = 0f;
            for (int i = 0; i < length; i++) {
                int trgindex = indexes[i];
                boolean found = trgindex < ulen1;
                if (lower >= 0 || found) {
                    if (lastpos[trgindex] < 0) {
                        ulen2++;
                        if (found) {
                            count++;
                        }
                    }
                    lastpos[trgindex] = i;
                }
                if (found) {
                    upper = i;
                    if (lower == -1) {
                        lower = i;
                        ulen2 = 1;
                    }
                    float smlrCur = calcSml(count, ulen1, ulen2);
                    int tmpCount = count;
                    int tmpUlen2 = ulen2;
                    int prevLower = lower;
                    for (int tmpLower = lower; tmpLower <= upper; tmpLower++) {
                        float smlrTmp = calcSml(tmpCount, ulen1, tmpUlen2);
                        if (smlrTmp > smlrCur) {
                            smlrCur = smlrTmp;
                            ulen2 = tmpUlen2;
                            lower = tmpLower;
                            count = tmpCount;
                        }
                        int tmpTrgindex = indexes[tmpLower];
                        if (lastpos[tmpTrgindex] == tmpLower) {
                            tmpUlen2--;
                            if (tmpTrgindex < ulen1) {
                                tmpCount--;
                            }
                        }
                    }
                    smlrMax = Math.max(smlrMax, smlrCur);
                    for (int tmpLower = prevLower; tmpLower < lower; tmpLower++) {
                        int tmpTrgindex = indexes[tmpLower];
                        if (lastpos[tmpTrgindex] == tmpLower) {
                            lastpos[tmpTrgindex] = -1;
                        }
                    }
                }
            }
            word = smlrMax;
        }
    }
}
