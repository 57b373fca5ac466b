package org.casefile.person;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.apache.lucene.util.automaton.Operations;
import org.casefile.db.BackgroundBuilder;
import org.casefile.db.ChangeListener;
import org.casefile.db.Row;
import org.casefile.db.Snapshot;
import org.casefile.db.Sql;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Name search's index: every name form's search key (cf_name_key, V2: the one definition of how a name is folded:
 * accents, case, punctuation and honorifics set aside) in an Apache Lucene index in the service's memory, one
 * document per name form, its words as terms.
 *
 * <p>It is kept per changed person. Every change that touches a person stamps their person_change row with its
 * transaction (V20); the index remembers the PostgreSQL snapshot it was last brought up to date at, and bringing it
 * up to date re-indexes just the people {@code cf_person_changes_since} that snapshot names. A search first asks
 * PostgreSQL, in the statement that folds its query, whether the reader sees any change that snapshot did not; if so
 * the index is brought up to date before it answers, so no search answers from data older than a change its reader
 * could see. The background builder brings it up to date whenever PostgreSQL announces a change, so readers seldom
 * wait.
 *
 * <p>Matching is by word: each word of the query must match a word of one name form, exactly (scores 1), by its
 * romanisation skeleton (0.9: "Khem" for "Kem", "Sovanarra" for "Sovannara"), as the start of the word (0.8, for
 * three letters or more), within one edit of the word (0.7: "Mech" for "Meach", for four letters or more), or within
 * one or two edits of the skeleton (0.6, 0.4, for skeletons of four and seven letters or more; as a start and within
 * edits only up to {@link #LONGEST_LOOSE_WORD} letters). A name form scores the sum over the query's words divided by
 * the larger of the two word counts, so "Kem Sokha" ranks Kem Sokha above Kem Sokha Monorom; a person scores their
 * best name form. When no name form has every word (or the query is one word), the query with its spaces removed is
 * matched the same ways against whole name forms likewise joined ("Rongchhun"). Two edits are tried only when neither
 * way finds anyone within one: the Levenshtein automaton of two edits costs some ten times that of one to build, and
 * a closer match is the person meant. Results are in {@link #RELEVANCE} order.
 */
@Singleton
public class PersonNameIndex extends BackgroundBuilder {

    private static final String PERSON = "person";
    /** The person's display name (person.name), by which equal scores are ordered. */
    private static final String DISPLAY_NAME = "display-name";
    private static final String WORD = "word";
    private static final String SKELETON = "skeleton";
    private static final String JOINED = "joined";
    private static final String JOINED_SKELETON = "joined-skeleton";
    private static final String WORDS = "words";
    private static final String HIDDEN = "hidden";

    /** Every name form the index holds, read as an editor (row-level security hides nothing) with its visibility. */
    private static final String NAMES = """
            select n.person_id, n.search_key, n.restricted or p.restricted as hidden, p.name
            from person p join person_name n on n.person_id = p.id
            where p.merged_into is null and n.search_key <> ''""";

    private static final Sql EVERYONE = Sql.of(NAMES);

    /** {@link #NAMES} of the people :ids. */
    private static final Sql NAMES_OF = Sql.of(NAMES + " and p.id = any(:ids)");

    /** The people changed since :seen (cf_person_changes_since, V20). */
    private static final Sql CHANGED_SINCE = Sql.of("select p as person_id from cf_person_changes_since(:seen::pg_snapshot) p");

    /** The transaction's first snapshot (what it reads is the data as of it), read as an editor. */
    private static final Sql SNAPSHOT = Sql.of("""
            select pg_current_snapshot()::text as snapshot, set_config('casefile.reader', 'editor', true) as reader""");

    private final AgroalDataSource dataSource;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** What the index holds: the data as of this PostgreSQL snapshot; null before its first build. */
    private volatile Seen seen;

    public PersonNameIndex(AgroalDataSource dataSource, ChangeListener changes,
                           @ConfigProperty(name = "casefile.name-index.build", defaultValue = "true") boolean enabled) {
        super("people in the name index", Scope.INSTANCE, changes, enabled, 1);
        this.dataSource = dataSource;
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PostgreSQL snapshot the index holds the data of ({@code pg_snapshot} as text), and when, by this process's
     * clock, it was taken: no earlier than {@code takenAfter}.
     */
    public record Seen(String snapshot, long takenAfter) {
    }

    /** A person a search found, with their best score and their display name. */
    public record Match(String personId, float score, String name) {
    }

    /**
     * The order of a search's results, the one definition every list by relevance follows: best score first, then by
     * display name character by character (code point), then by id.
     */
    static final Comparator<Match> RELEVANCE = Comparator.comparing(Match::score, Comparator.reverseOrder())
            .thenComparing(Match::name, PersonNameIndex::byCodePoint).thenComparing(Match::personId);

    private static int byCodePoint(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** What the index holds now: the snapshot a reader checks its changes against; null before the first build. */
    public Seen seen() {
        return seen;
    }

    /**
     * A query's search key (cf_name_key: empty when it has no letters) and the people it matches, in {@link #RELEVANCE}
     * order.
     */
    public record Found(String key, List<Match> matches) {
    }

    /**
     * The query's search key, and whether this reader sees a change the index has not taken in yet: one statement.
     */
    private static final Sql KEY_AND_CHANGES = Sql.of("""
            select cf_name_key(:q) as key, cf_people_changed_since(cast(:seen as pg_snapshot)) as unseen""");

    /** A query's search key, and whether the reader sees a change the index has not taken in. */
    private record KeyAndChanges(String key, boolean unseen) {
    }

    /**
     * The people whose name forms match the query {@code q}, as {@link #search} finds them, after bringing the index up
     * to date if the reader sees a change it has not taken in. Outside any transaction of the caller's: a search that
     * waits for the index meanwhile holds no pooled connection.
     */
    public Found find(String q, boolean editor) {
        Seen asked = seen;
        KeyAndChanges read;
        try {
            read = KEY_AND_CHANGES.with(dataSource).bind("q", q).bind("seen", asked == null ? null : asked.snapshot())
                    .one(r -> new KeyAndChanges(r.text("key"), r.flag("unseen")));
        } catch (Sql.Failure e) {
            throw new IllegalStateException("name search cannot read its query's key: " + e.getCause().getMessage(), e.getCause());
        }
        String key = read.key();
        long checkedAt = System.nanoTime();
        return new Found(key, key.isEmpty() ? List.of() : search(key, editor, asked, read.unseen(), checkedAt));
    }

    /**
     * The people whose name forms match {@code key} (a search key, cf_name_key of the query), in {@link #RELEVANCE}
     * order, with restricted names and people left out unless {@code editor}. {@code unseenChanges} is what PostgreSQL answered
     * the reader, at {@code checkedAt} (System.nanoTime) or before, when asked whether it sees changes that
     * {@code asked} (the index's {@link #seen()} then) did not: the index is then brought up to date first.
     */
    public List<Match> search(String key, boolean editor, Seen asked, boolean unseenChanges, long checkedAt) {
        if (asked == null || unseenChanges) {
            upToDateAfter(checkedAt);
        }
        Map<String, Match> best = matched(key, editor, false);
        if (best.isEmpty()) {
            best = matched(key, editor, true);
        }
        List<Match> out = new ArrayList<>(best.values());
        out.sort(RELEVANCE);
        return out;
    }

    /** The people the key matches word by word or, failing that, as a whole; two edits only when {@code farthest}. */
    private Map<String, Match> matched(String key, boolean editor, boolean farthest) {
        int words = key.split(" ").length;
        Map<String, Match> best = matches(query(key, editor, farthest), words);
        if (best.isEmpty() || words == 1) {
            // Perhaps the words were run together ("Rongchhun", "KemSokha"): a one-word query may also be close to
            // some name's single word, and the whole name it spells must still come first.
            matches(joinedQuery(key.replace(" ", ""), editor, farthest), 0).forEach((person, match) -> best.merge(person, match, PersonNameIndex::better));
        }
        return best;
    }

    /**
     * Every name form the query matches, best score per person; each form's score divided by the larger of
     * {@code queryWords} and its own number of words (with 0, not divided: a whole-name match).
     */
    private Map<String, Match> matches(Query query, int queryWords) {
        Map<String, Match> best = new HashMap<>();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.search(query, new SimpleCollector() {
                    private Scorable scorer;
                    private SortedDocValues people;
                    private SortedDocValues displayNames;
                    private NumericDocValues words;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        people = context.reader().getSortedDocValues(PERSON);
                        displayNames = context.reader().getSortedDocValues(DISPLAY_NAME);
                        words = context.reader().getNumericDocValues(WORDS);
                    }

                    @Override
                    public void setScorer(Scorable scorer) {
                        this.scorer = scorer;
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        people.advanceExact(doc);
                        words.advanceExact(doc);
                        float score = queryWords == 0 ? scorer.score() : scorer.score() / Math.max(queryWords, (int) words.longValue());
                        String person = people.lookupOrd(people.ordValue()).utf8ToString();
                        Match seen = best.get(person);
                        if (seen == null || seen.score() < score) {
                            displayNames.advanceExact(doc);
                            best.put(person, new Match(person, score, displayNames.lookupOrd(displayNames.ordValue()).utf8ToString()));
                        }
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE;
                    }
                });
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best;
    }

    /**
     * Every word of the key must match; each its best way (see the class comment), two edits of the skeleton only
     * when {@code farthest}.
     */
    static Query query(String key, boolean editor, boolean farthest) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : key.split(" ")) {
            all.add(ways(WORD, SKELETON, word, farthest), BooleanClause.Occur.MUST);
        }
        if (!editor) {
            all.add(new TermQuery(new Term(HIDDEN, "true")), BooleanClause.Occur.MUST_NOT);
        }
        return all.build();
    }

    /**
     * The ways a word matches a term of {@code words} (or of {@code skeletons}), best way scoring; two edits of the
     * skeleton only when {@code farthest}.
     */
    private static Query ways(String words, String skeletons, String word, boolean farthest) {
        String skeleton = skeleton(word);
        List<Query> ways = new ArrayList<>();
        ways.add(scored(new TermQuery(new Term(words, word)), 1f));
        ways.add(scored(new TermQuery(new Term(skeletons, skeleton)), 0.9f));
        int wordLetters = word.codePointCount(0, word.length());
        if (wordLetters > LONGEST_LOOSE_WORD) {
            return new DisjunctionMaxQuery(ways, 0f);
        }
        if (wordLetters >= 3) {
            ways.add(scored(new PrefixQuery(new Term(words, word)), 0.8f));
        }
        if (wordLetters >= 4) {
            ways.add(scored(fuzzy(words, word, 1), 0.7f));
        }
        int letters = skeleton.codePointCount(0, skeleton.length());
        if (letters >= 4) {
            ways.add(scored(fuzzy(skeletons, skeleton, 1), 0.6f));
        }
        if (farthest && letters >= 7) {
            ways.add(scored(fuzzy(skeletons, skeleton, 2), 0.4f));
        }
        return new DisjunctionMaxQuery(ways, 0f);
    }

    /**
     * The longest word matched as a start or within edits: no name's word (nor a whole name run together) is longer,
     * and the automaton of a longer one costs ever more to build (Lucene refuses one of a thousand letters outright).
     */
    static final int LONGEST_LOOSE_WORD = 64;

    /** The whole query, its spaces removed, against whole name forms likewise: the same ways as a word. */
    static Query joinedQuery(String joined, boolean editor, boolean farthest) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(ways(JOINED, JOINED_SKELETON, joined, farthest), BooleanClause.Occur.MUST);
        if (!editor) {
            all.add(new TermQuery(new Term(HIDDEN, "true")), BooleanClause.Occur.MUST_NOT);
        }
        return all.build();
    }

    private static Query scored(Query query, float score) {
        return new BoostQuery(new ConstantScoreQuery(query), score);
    }

    /**
     * Every term within {@code edits} of this one, its first letter the same and a transposition one edit, as
     * FuzzyQuery matches (no cap on how many: a search counts all its matches). Its Levenshtein automaton is built
     * once here: FuzzyQuery builds its automata again in every segment of the index, for every distance up to
     * {@code edits}.
     */
    private static Query fuzzy(String field, String term, int edits) {
        return FUZZY.get(new Fuzzy(field, term, edits), f -> {
            int first = Character.charCount(term.codePointAt(0));
            Automaton within = new LevenshteinAutomata(term.substring(first), true).toAutomaton(edits, term.substring(0, first));
            return new AutomatonQuery(new Term(field, term), within, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT, false,
                    MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);
        });
    }

    private record Fuzzy(String field, String term, int edits) {
    }

    /**
     * Fuzzy queries made, kept by how much they are asked for within 16 MiB (their automata's size): building the
     * automaton is most of a search's work, and people search for the same names again, so each word's is mostly built
     * once. A query holds no data of the index, only the word and its automaton.
     */
    private static final Cache<Fuzzy, AutomatonQuery> FUZZY = Caffeine.newBuilder().maximumWeight(16L << 20)
            .weigher((Fuzzy f, AutomatonQuery q) -> (int) Math.min(Integer.MAX_VALUE, q.ramBytesUsed())).build();

    /**
     * A word of a search key as romanisations of Khmer vary it: an h after a consonant dropped (Chhun, Chun; Khem,
     * Kem; Sokha, Soka) and doubled letters single (Sovannara, Sovanara; Sovanarra).
     */
    static String skeleton(String word) {
        StringBuilder out = new StringBuilder(word.length());
        int previous = -1;
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            i += Character.charCount(c);
            boolean afterConsonant = previous >= 'a' && previous <= 'z' && "aeiouy".indexOf(previous) < 0;
            if ((c == 'h' && afterConsonant && previous != 'h') || c == previous) {
                continue;
            }
            out.appendCodePoint(c);
            previous = c;
        }
        return out.toString();
    }

    @Override
    protected int pass() throws Exception {
        return upToDateAfter(System.nanoTime());
    }

    /**
     * Brings the index up to date unless that was done from a snapshot taken after {@code after} (System.nanoTime);
     * answers how many people it indexed again. On the builder's one worker thread, whoever asks: one update at a
     * time, each on a connection of its own, outside any transaction of the caller's.
     */
    public int upToDateAfter(long after) {
        try {
            return workers.submit(() -> {
                Seen now = seen;
                return now != null && now.takenAfter() - after > 0 ? 0 : upToDate();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("name search was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("name search cannot read the database: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** What one snapshot of the data says of the people to index, and the snapshot (pg_snapshot as text). */
    private record Read(String snapshot, Map<String, List<Name>> people) {
    }

    /** Brings the index up to date (builds it whole the first time); answers how many people it indexed. */
    private int upToDate() throws SQLException {
        long started = System.nanoTime();
        Seen before = seen;
        Read read = Snapshot.read(dataSource, c -> {
            // The transaction's first snapshot: what it reads is the data as of it.
            String snapshot = SNAPSHOT.on(c).one(r -> r.text("snapshot"));
            return new Read(snapshot, before == null ? everyone(c) : changedSince(c, before.snapshot()));
        });
        try {
            if (before == null) {
                writer.deleteAll();
            }
            for (Map.Entry<String, List<Name>> person : read.people().entrySet()) {
                List<Document> documents = new ArrayList<>();
                person.getValue().forEach(name -> documents.add(document(person.getKey(), name)));
                if (before == null) {
                    writer.addDocuments(documents); // a whole build: nothing to replace
                } else {
                    writer.updateDocuments(new Term(PERSON, person.getKey()), documents);
                }
            }
            if (before == null) {
                // One segment to search: each segment is searched on its own, term dictionary and all.
                writer.forceMerge(1);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seen = new Seen(read.snapshot(), started);
        return read.people().size();
    }

    private static Match better(Match a, Match b) {
        return a.score() >= b.score() ? a : b;
    }

    /** A name form's search key, whether the public may not see it, and its person's display name. */
    private record Name(String key, boolean hidden, String displayName) {
    }

    /** A row of {@link #NAMES}: whose name form it is, and the name form. */
    private record NameOf(String personId, Name name) {
    }

    private static NameOf nameOf(Row r) throws SQLException {
        return new NameOf(r.text("person_id"), new Name(r.text("search_key"), r.flag("hidden"), r.text("name")));
    }

    private static Map<String, List<Name>> everyone(Connection c) {
        Map<String, List<Name>> out = new LinkedHashMap<>();
        for (NameOf n : EVERYONE.on(c).list(PersonNameIndex::nameOf)) {
            out.computeIfAbsent(n.personId(), id -> new ArrayList<>()).add(n.name());
        }
        return out;
    }

    /** The name forms of everyone changed since the snapshot; an empty list for one no longer searchable. */
    private static Map<String, List<Name>> changedSince(Connection c, String snapshot) {
        Map<String, List<Name>> out = new LinkedHashMap<>();
        for (String person : CHANGED_SINCE.on(c).bind("seen", snapshot).list(r -> r.text("person_id"))) {
            out.put(person, new ArrayList<>());
        }
        if (out.isEmpty()) {
            return out;
        }
        for (NameOf n : NAMES_OF.on(c).bind("ids", out.keySet().toArray(String[]::new)).list(PersonNameIndex::nameOf)) {
            out.get(n.personId()).add(n.name());
        }
        return out;
    }

    private static Document document(String person, Name name) {
        Document d = new Document();
        d.add(new StringField(PERSON, person, Field.Store.NO));
        d.add(new SortedDocValuesField(PERSON, new BytesRef(person)));
        d.add(new SortedDocValuesField(DISPLAY_NAME, new BytesRef(name.displayName())));
        String[] words = name.key().split(" ");
        for (String word : words) {
            d.add(new StringField(WORD, word, Field.Store.NO));
            d.add(new StringField(SKELETON, skeleton(word), Field.Store.NO));
        }
        d.add(new NumericDocValuesField(WORDS, words.length));
        String joined = name.key().replace(" ", "");
        d.add(new StringField(JOINED, joined, Field.Store.NO));
        d.add(new StringField(JOINED_SKELETON, skeleton(joined), Field.Store.NO));
        if (name.hidden()) {
            d.add(new StringField(HIDDEN, "true", Field.Store.NO));
        }
        return d;
    }
}
