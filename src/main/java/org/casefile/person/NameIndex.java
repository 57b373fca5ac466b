package org.casefile.person;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.casefile.api.BackgroundBuilder;
import org.casefile.api.DataVersion;
import org.casefile.api.Snapshot;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every plain name key (see {@link Trigrams}) held in the service's memory with its trigrams, so a name search finds
 * its matches without PostgreSQL: a search by trigram index costs PostgreSQL 15-30 ms of CPU when common syllables
 * give long posting lists, this one about 1 ms of one core for a misspelt name at 200,000 name forms
 * (bench/EXPLAIN.md). It finds exactly what
 * {@code :key <% search_key} finds with the word-similarity threshold {@link #THRESHOLD}, and scores each match as
 * {@code greatest(similarity(search_key, :key), word_similarity(:key, search_key))} does, to the bit.
 *
 * It is a projection like the kept person documents: built whole from one snapshot (as an editor sees it, with each
 * row's restricted flag, so the public's view is a filter away) and stamped with the data version it was built from.
 * A search uses it only while that version is the database's current one; otherwise the search asks PostgreSQL, and
 * the builder (a pass a few seconds after start, then whenever the data version moves) builds it again.
 */
@Singleton
public class NameIndex extends BackgroundBuilder {

    /** pg_trgm.word_similarity_threshold for name search: see PersonService.list. */
    public static final double THRESHOLD = 0.5;

    /** People in display-name order as PostgreSQL sorts them (its collation decides ties, not Java's). */
    private static final String PEOPLE = """
            select id, restricted, merged_into is not null, row_number() over (order by name, id), name from person""";

    /** Every name form, in the order PersonService lists aliases (as recorded). */
    private static final String NAMES = "select person_id, search_key, restricted, name from person_name order by fact_id";

    /**
     * Words of 64 keys counted at a time in a search: their counters (a bit of each in one long per bit of the count)
     * stay in a processor's first-level cache.
     */
    private static final int WORDS_AT_ONCE = 128;

    private final AgroalDataSource dataSource;
    private volatile Built built;

    public NameIndex(AgroalDataSource dataSource, DataVersion version,
                     @ConfigProperty(name = "casefile.name-index.build", defaultValue = "true") boolean enabled) {
        super("name index", version, enabled, 1);
        this.dataSource = dataSource;
    }

    /** A person a search found, with their best score. */
    public record Match(String personId, float score) {
    }

    /**
     * What the search by {@code key} finds, best first (score, then display name as PostgreSQL orders it, then id),
     * among the people the caller may see, merged ones left out; null when the index cannot answer: it was not built
     * from data version {@code current}, or the key is not plain (or has over 255 distinct trigrams). {@code others}
     * asks PostgreSQL for the matches among the names whose keys are not plain (the index holds none of those),
     * person id to best score: only when there are such names.
     */
    public List<Match> search(String key, long current, boolean editor, Supplier<Map<String, Float>> others) {
        Found found = search(key, editor, others);
        return found == null || found.version() != current ? null : found.matches();
    }

    /**
     * As {@link #search(String, long, boolean, Supplier)} on the index as it stands, whatever data version it was
     * built from: the caller checks {@link Found#version()} against the database before it answers.
     */
    public Found search(String key, boolean editor, Supplier<Map<String, Float>> others) {
        Prepared prepared = prepare(key);
        return prepared == null ? null : prepared.search(editor, prepared.needsOthers() ? others.get() : Map.of());
    }

    /**
     * A search by {@code key} on the index as it stands, before the matches among names the index does not hold
     * are asked of PostgreSQL (so a caller on the event loop can ask without blocking); null when the index cannot
     * answer it (not built yet, or the key not plain).
     */
    public Prepared prepare(String key) {
        Built b = built;
        Trigrams.Query query = b == null ? null : Trigrams.Query.of(key);
        return query == null ? null : new Prepared(b, query);
    }

    /** A search on one build of the index. */
    public static final class Prepared {
        private final Built b;
        private final Trigrams.Query query;

        private Prepared(Built b, Trigrams.Query query) {
            this.b = b;
            this.query = query;
        }

        /** True when this build left names to PostgreSQL: {@link #search} then needs their matches. */
        public boolean needsOthers() {
            return b.otherNames > 0;
        }

        /**
         * The matches among the people the caller may see, best first; {@code others} holds the matches among the
         * names whose keys are not plain, person id to best score (see {@link NameSearch#othersMatching}).
         */
        public Found search(boolean editor, Map<String, Float> others) {
            // Person and score as one long each (a positive float's bits order as the float does), so that sorting
            // puts each person's scores together, best last.
            LongList scored = b.matches(query, editor);
            others.forEach((id, score) -> {
                Integer p = b.personIndex.get(id);
                if (p != null && b.visible(p, editor)) {
                    scored.add((long) p << 32 | Float.floatToIntBits(score));
                }
            });
            long[] pairs = scored.sorted();
            // Best first: score descending, then the display-name rank, packed in one long for a primitive sort.
            long[] order = new long[pairs.length];
            int n = 0;
            for (int i = 0; i < pairs.length; i++) {
                if (i + 1 == pairs.length || pairs[i + 1] >>> 32 != pairs[i] >>> 32) {
                    long scoreKey = Integer.MAX_VALUE - (int) pairs[i];
                    order[n++] = scoreKey << 32 | b.nameRank[(int) (pairs[i] >>> 32)];
                }
            }
            Arrays.sort(order, 0, n);
            List<Match> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int rank = (int) order[i];
                out.add(new Match(b.personIds[b.personByRank[rank]], Float.intBitsToFloat(Integer.MAX_VALUE - (int) (order[i] >>> 32))));
            }
            return new Found(b, out, editor);
        }
    }

    /** A search's matches, with the names of the people found as the index holds them. */
    public static final class Found {
        private final Built built;
        private final List<Match> matches;
        private final boolean editor;

        private Found(Built built, List<Match> matches, boolean editor) {
            this.built = built;
            this.matches = matches;
            this.editor = editor;
        }

        /** The data version the index was built from. */
        public long version() {
            return built.version;
        }

        public List<Match> matches() {
            return matches;
        }

        /** A person's display name. */
        public String name(String personId) {
            return built.personNames[built.personIndex.get(personId)];
        }

        /** A person's name forms the caller may see, in the order recorded. */
        public List<String> names(String personId) {
            int p = built.personIndex.get(personId);
            List<String> out = new ArrayList<>();
            for (int i = built.personNameStart[p]; i < built.personNameStart[p + 1]; i++) {
                int name = built.personNameList[i];
                if (editor || !built.nameRestricted[name]) {
                    out.add(built.nameTexts[name]);
                }
            }
            return out;
        }
    }

    /** The data version the index was built from, or -1 before it is built. */
    public long builtVersion() {
        Built b = built;
        return b == null ? -1 : b.version;
    }

    @Override
    protected int pass() throws SQLException {
        return rebuild() ? 1 : 0;
    }

    /** Builds the index again unless it is current; true when it built it. */
    public boolean rebuild() throws SQLException {
        if (builtVersion() == version.stored()) {
            return false;
        }
        built = Snapshot.read(dataSource, Built::read);
        return true;
    }

    /** One build: immutable, shared by every search while it is current. */
    private static final class Built {
        final long version;
        final String[] personIds;
        final Map<String, Integer> personIndex;
        /** Position in display-name order (1-based, as row_number gives it), and the person at each position. */
        final int[] nameRank;
        final int[] personByRank;
        final String[] personNames;
        /** Person p's name forms are personNameList[personNameStart[p] .. personNameStart[p + 1]), as recorded. */
        final int[] personNameStart;
        final int[] personNameList;
        /** Every name form: its person, text and restricted flag (plain keys or not). */
        final int[] namePerson;
        final String[] nameTexts;
        final boolean[] nameRestricted;
        /**
         * The names with key k are keyPeople[keyNameStart[k] .. keyNameStart[k + 1]), each as its person's index
         * times two, plus one when the name is restricted: in key order, so a search reads them in sequence rather
         * than in three arrays at random (at 200,000 names the misses cost more than the counting).
         */
        final int[] keyNameStart;
        final int[] keyPeople;
        /**
         * Bit p set when person p is listed to the public (neither restricted nor merged), to editors (not merged):
         * bit sets, so that checking the people of the names a search matches stays in the nearest cache.
         */
        final long[] publicVisible;
        final long[] editorVisible;
        /**
         * Key k as a Trigrams.Text, in one stretch of {@code records} from keyStart[k] to keyStart[k + 1]: the number
         * of its distinct trigrams d (below {@link Trigrams#CODES}, so a char holds it), those trigrams' codes, then
         * its positions. One stretch is one or two cache lines: scoring a candidate key waits for memory once, where
         * four arrays made it wait four times (the keys a search scores are scattered over megabytes).
         */
        final int[] keyStart;
        final char[] records;
        /**
         * For each trigram code, the keys holding it: as a bit set (bit k of word k / 64 for key k) when over one
         * key in 32 holds it, which is then the smaller and much the faster to count (64 keys an instruction); else
         * as a list, ascending, and {@code null} in the other array.
         */
        final long[][] bitSets;
        final int[][] postings;
        final int otherNames;

        private Built(long version, List<String> ids, Map<String, Integer> personIndex, List<Boolean> restricted,
                      List<Boolean> merged, List<Integer> ranks, List<String> displayNames, List<Integer> namePeople,
                      List<String> texts, List<String> keys, List<Boolean> namesRestricted) {
            this.version = version;
            int people = ids.size();
            personIds = ids.toArray(String[]::new);
            personNames = displayNames.toArray(String[]::new);
            this.personIndex = personIndex;
            nameRank = new int[people];
            personByRank = new int[people + 1];
            publicVisible = new long[(people + 63) / 64];
            editorVisible = new long[(people + 63) / 64];
            for (int p = 0; p < people; p++) {
                nameRank[p] = ranks.get(p);
                personByRank[nameRank[p]] = p;
                if (!merged.get(p)) {
                    editorVisible[p >>> 6] |= 1L << p;
                    if (!restricted.get(p)) {
                        publicVisible[p >>> 6] |= 1L << p;
                    }
                }
            }
            int names = texts.size();
            nameTexts = texts.toArray(String[]::new);
            personNameStart = new int[people + 1];
            for (int person : namePeople) {
                personNameStart[person + 1]++;
            }
            for (int p = 0; p < people; p++) {
                personNameStart[p + 1] += personNameStart[p];
            }
            personNameList = new int[names];
            int[] listed = Arrays.copyOf(personNameStart, people);
            for (int i = 0; i < names; i++) {
                personNameList[listed[namePeople.get(i)]++] = i;
            }
            namePerson = new int[names];
            nameRestricted = new boolean[names];
            // Names that share a key (many do: the same family and given names recur) are counted and scored once.
            // Names whose keys are not plain are not indexed (otherNames): PostgreSQL searches those.
            Map<String, Integer> keyIndex = new HashMap<>();
            int[] keyOfName = new int[names];
            List<Trigrams.Text> each = new ArrayList<>();
            int others = 0;
            for (int i = 0; i < names; i++) {
                namePerson[i] = namePeople.get(i);
                nameRestricted[i] = namesRestricted.get(i);
                String key = keys.get(i);
                if (key == null || !Trigrams.plain(key)) {
                    keyOfName[i] = -1;
                    others++;
                    continue;
                }
                Integer k = keyIndex.get(key);
                if (k == null) {
                    k = each.size();
                    keyIndex.put(key, k);
                    each.add(Trigrams.Text.of(Trigrams.sequence(key)));
                }
                keyOfName[i] = k;
            }
            this.otherNames = others;
            int distinctKeys = each.size();
            keyNameStart = new int[distinctKeys + 1];
            for (int k : keyOfName) {
                if (k >= 0) {
                    keyNameStart[k + 1]++;
                }
            }
            for (int k = 0; k < distinctKeys; k++) {
                keyNameStart[k + 1] += keyNameStart[k];
            }
            keyPeople = new int[names - others];
            int[] placed = Arrays.copyOf(keyNameStart, distinctKeys);
            for (int i = 0; i < names; i++) {
                if (keyOfName[i] >= 0) {
                    keyPeople[placed[keyOfName[i]]++] = namePerson[i] << 1 | (nameRestricted[i] ? 1 : 0);
                }
            }
            keyStart = new int[distinctKeys + 1];
            int[] postingSizes = new int[Trigrams.CODES];
            for (int k = 0; k < distinctKeys; k++) {
                keyStart[k + 1] = keyStart[k] + 1 + each.get(k).codes().length + each.get(k).local().length;
                for (char t : each.get(k).codes()) {
                    postingSizes[t]++;
                }
            }
            records = new char[keyStart[distinctKeys]];
            bitSets = new long[Trigrams.CODES][];
            postings = new int[Trigrams.CODES][];
            int words = (distinctKeys + 63) / 64;
            for (int t = 0; t < Trigrams.CODES; t++) {
                if ((long) postingSizes[t] * 32 > distinctKeys) {
                    bitSets[t] = new long[words];
                } else {
                    postings[t] = new int[postingSizes[t]];
                }
            }
            int[] filled = new int[Trigrams.CODES];
            for (int k = 0; k < distinctKeys; k++) {
                Trigrams.Text text = each.get(k);
                records[keyStart[k]] = (char) text.codes().length;
                System.arraycopy(text.codes(), 0, records, keyStart[k] + 1, text.codes().length);
                System.arraycopy(text.local(), 0, records, keyStart[k] + 1 + text.codes().length, text.local().length);
                for (char t : text.codes()) {
                    if (bitSets[t] != null) {
                        bitSets[t][k >>> 6] |= 1L << k;
                    } else {
                        postings[t][filled[t]++] = k;
                    }
                }
            }
        }

        /** Reads everything from one snapshot, as an editor (every row, with its restricted flag). */
        static Built read(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("select set_config('casefile.reader', 'editor', true)");
                long version;
                try (ResultSet r = s.executeQuery("select version from data_version")) {
                    r.next();
                    version = r.getLong(1);
                }
                List<String> ids = new ArrayList<>();
                List<Boolean> restricted = new ArrayList<>();
                List<Boolean> merged = new ArrayList<>();
                List<Integer> ranks = new ArrayList<>();
                List<String> displayNames = new ArrayList<>();
                Map<String, Integer> index = new HashMap<>();
                try (ResultSet r = s.executeQuery(PEOPLE)) {
                    while (r.next()) {
                        index.put(r.getString(1), ids.size());
                        ids.add(r.getString(1));
                        restricted.add(r.getBoolean(2));
                        merged.add(r.getBoolean(3));
                        ranks.add(r.getInt(4));
                        displayNames.add(r.getString(5));
                    }
                }
                List<Integer> namePeople = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                List<Boolean> namesRestricted = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                try (ResultSet r = s.executeQuery(NAMES)) {
                    while (r.next()) {
                        namePeople.add(index.get(r.getString(1)));
                        keys.add(r.getString(2));
                        namesRestricted.add(r.getBoolean(3));
                        texts.add(r.getString(4));
                    }
                }
                return new Built(version, ids, index, restricted, merged, ranks, displayNames, namePeople, texts, keys,
                        namesRestricted);
            }
        }

        boolean visible(int person, boolean editor) {
            return ((editor ? editorVisible : publicVisible)[person >>> 6] & 1L << person) != 0;
        }

        /** Adds one to the bit-sliced counts of word {@code w} whose bits are set in {@code ones}. */
        private static void add(long[] count, int w, long ones) {
            long carry = ones;
            for (int j = 0; j < 8 && carry != 0; j++) {
                int at = j * WORDS_AT_ONCE + w;
                long bit = count[at];
                count[at] = bit ^ carry;
                carry &= bit;
            }
        }

        /** Every visible name the query matches, as (person << 32 | float bits of its score). */
        LongList matches(Trigrams.Query query, boolean editor) {
            // A stretch sharing c of the query's n distinct trigrams scores at most c / n: with fewer than half,
            // word similarity cannot reach 0.5. So only keys holding at least half of them are scored. Each key's
            // count of the query's trigrams is kept bit-sliced: bit j of the count of key 64w + b is bit b of
            // slice j's word w, so one addition with carry counts a trigram for 64 keys (a bit set's word) at
            // once, and one comparison finds which of them reached half. A count never exceeds n, so 8 slices
            // hold it (see Query.MAX_TRIGRAMS).
            int distinct = query.trigrams.length;
            int need = (distinct + 1) / 2;
            int over = 256 - need;
            int[] candidates = new int[256];
            int found = 0;
            if (distinct == 0) {
                return new LongList();
            }
            List<long[]> denseLists = new ArrayList<>();
            List<int[]> sparse = new ArrayList<>();
            for (char t : query.trigrams) {
                if (bitSets[t] != null) {
                    denseLists.add(bitSets[t]);
                } else if (postings[t].length > 0) {
                    sparse.add(postings[t]);
                }
            }
            long[][] dense = denseLists.toArray(long[][]::new);
            // The lists' counts for a block of words, slice j of word w at [j * WORDS_AT_ONCE + w - start].
            long[] sparseCount = new long[8 * WORDS_AT_ONCE];
            int[] cursors = new int[sparse.size()];
            int words = (keyStart.length - 1 + 63) / 64;
            for (int start = 0; start < words; start += WORDS_AT_ONCE) {
                int end = Math.min(start + WORDS_AT_ONCE, words);
                Arrays.fill(sparseCount, 0L);
                for (int i = 0; i < cursors.length; i++) {
                    int[] list = sparse.get(i);
                    int c = cursors[i];
                    for (int limit = end << 6; c < list.length && list[c] < limit; c++) {
                        add(sparseCount, (list[c] >>> 6) - start, 1L << list[c]);
                    }
                    cursors[i] = c;
                }
                for (int w = start; w < end; w++) {
                    int at = w - start;
                    long s0 = sparseCount[at];
                    long s1 = sparseCount[WORDS_AT_ONCE + at];
                    long s2 = sparseCount[2 * WORDS_AT_ONCE + at];
                    long s3 = sparseCount[3 * WORDS_AT_ONCE + at];
                    long s4 = sparseCount[4 * WORDS_AT_ONCE + at];
                    long s5 = sparseCount[5 * WORDS_AT_ONCE + at];
                    long s6 = sparseCount[6 * WORDS_AT_ONCE + at];
                    long s7 = sparseCount[7 * WORDS_AT_ONCE + at];
                    // The bit sets' words added in registers, every slice: no stores, no branch to mispredict. Spelt
                    // out slice by slice: with the slices in an array the JIT allocated one for every word.
                    for (long[] bits : dense) {
                        long carry = bits[w];
                        long next = s0 & carry;
                        s0 ^= carry;
                        carry = next;
                        next = s1 & carry;
                        s1 ^= carry;
                        carry = next;
                        next = s2 & carry;
                        s2 ^= carry;
                        carry = next;
                        next = s3 & carry;
                        s3 ^= carry;
                        carry = next;
                        next = s4 & carry;
                        s4 ^= carry;
                        carry = next;
                        next = s5 & carry;
                        s5 ^= carry;
                        carry = next;
                        next = s6 & carry;
                        s6 ^= carry;
                        s7 ^= next;
                    }
                    // Which of the 64 counts are at least need: those where count + (256 - need) carries out of
                    // the eighth bit. Adding a constant bit by bit, the carry is s | carry where the constant's bit is
                    // one, s & carry where it is zero.
                    long atLeast = 0;
                    atLeast = (over & 1) != 0 ? s0 | atLeast : s0 & atLeast;
                    atLeast = (over & 2) != 0 ? s1 | atLeast : s1 & atLeast;
                    atLeast = (over & 4) != 0 ? s2 | atLeast : s2 & atLeast;
                    atLeast = (over & 8) != 0 ? s3 | atLeast : s3 & atLeast;
                    atLeast = (over & 16) != 0 ? s4 | atLeast : s4 & atLeast;
                    atLeast = (over & 32) != 0 ? s5 | atLeast : s5 & atLeast;
                    atLeast = (over & 64) != 0 ? s6 | atLeast : s6 & atLeast;
                    atLeast = (over & 128) != 0 ? s7 | atLeast : s7 & atLeast;
                    for (long reached = atLeast; reached != 0; reached &= reached - 1) {
                        if (found == candidates.length) {
                            candidates = Arrays.copyOf(candidates, found * 2);
                        }
                        candidates[found++] = w << 6 | Long.numberOfTrailingZeros(reached);
                    }
                }
            }
            LongList out = new LongList();
            for (int k = 0; k < found; k++) {
                int key = candidates[k];
                int from = keyStart[key];
                int codes = records[from];
                int positions = from + 1 + codes;
                query.score(records, positions, keyStart[key + 1] - positions, records, from + 1, codes);
                if (query.word() >= THRESHOLD) {
                    int score = Float.floatToIntBits(Math.max(query.whole(), query.word()));
                    for (int n = keyNameStart[key]; n < keyNameStart[key + 1]; n++) {
                        int person = keyPeople[n] >>> 1;
                        boolean nameShown = editor || (keyPeople[n] & 1) == 0;
                        if (nameShown && visible(person, editor)) {
                            out.add((long) person << 32 | score);
                        }
                    }
                }
            }
            return out;
        }
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] values = new long[256];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
