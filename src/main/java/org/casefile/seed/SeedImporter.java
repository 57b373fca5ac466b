package org.casefile.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.casefile.citation.QuoteNotLocatedException;
import org.casefile.db.Sql;
import org.casefile.edtf.Edtf;
import org.casefile.edtf.EdtfDate;
import org.casefile.edtf.EdtfException;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.Fact;
import org.casefile.fact.FactBuilder;
import org.casefile.fact.FactInput;
import org.casefile.fact.FactInputException;
import org.casefile.fact.LegalCase;
import org.casefile.fact.Organization;
import org.casefile.fact.Person;
import org.casefile.fact.Source;
import org.casefile.fact.SourceRelation;
import org.casefile.fact.SourceSignatory;
import org.casefile.fact.SourceText;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Loads seed/ (packaged into the jar) on first start against an empty database, in one transaction: one quote
 * that cannot be located fails the whole import and leaves nothing behind. A loaded database is left alone.
 */
@ApplicationScoped
public class SeedImporter {

    private static final Logger LOG = Logger.getLogger(SeedImporter.class);
    private static final long SEED_LOCK = 0x5eed_ca5ef11eL;
    private static final Sql LOCK = Sql.of("select pg_advisory_xact_lock(:key) as locked");

    private final EntityManager em;
    private final FactBuilder facts;
    private final boolean enabled;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public SeedImporter(EntityManager em, FactBuilder facts,
                        @ConfigProperty(name = "casefile.seed.enabled", defaultValue = "true") boolean enabled) {
        this.em = em;
        this.facts = facts;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            importIfEmpty(SeedImporter::classpathResource);
        }
    }

    /** Reads a seed file by its path below seed/ (e.g. "facts/000_x.yaml"), or null when there is none. */
    static InputStream classpathResource(String path) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream("seed/" + path);
    }

    /**
     * Loads the seed unless the database already holds sources. Answers whether it loaded. A few seconds usually;
     * the transaction may take ten minutes (not the default minute) on a machine busy with other work.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public boolean importIfEmpty(Function<String, InputStream> files) {
        // Two instances starting at once must not both load the seed.
        LOCK.in(em).bind("key", SEED_LOCK).execute();
        long sources = em.createQuery("select count(s) from Source s", Long.class).getSingleResult();
        if (sources > 0) {
            LOG.debugf("Database holds %d sources; seed not loaded again", sources);
            return false;
        }
        load(files);
        return true;
    }

    /** Loads a seed in one transaction (joining the caller's): all of it, or on any error nothing. */
    @Transactional
    public void load(Function<String, InputStream> files) {
        new Run(files).load();
    }

    /** One import: the state it needs while it runs. */
    private final class Run {
        private final Function<String, InputStream> files;
        private final Map<String, Source> sources = new LinkedHashMap<>();
        private final Set<String> persons = new HashSet<>();
        private final Set<String> organizations = new HashSet<>();
        private final Set<String> cases = new HashSet<>();
        private int factCount;

        Run(Function<String, InputStream> files) {
            this.files = files;
        }

        void load() {
            SeedFiles.Sources sourceFile = read("sources.yaml", SeedFiles.Sources.class);
            SeedFiles.Entities entityFile = read("entities.yaml", SeedFiles.Entities.class);
            loadEntities(entityFile);
            List<String> textFiles = loadSources(sourceFile);
            Map<String, SeedFiles.Facts> factFiles = new LinkedHashMap<>();
            for (String textFile : textFiles) {
                String factsFile = "facts/" + textFile.replaceFirst("\\.txt$", "") + ".yaml";
                try (InputStream in = files.apply(factsFile)) {
                    if (in != null) {
                        factFiles.put(factsFile, yaml.readValue(in, SeedFiles.Facts.class));
                    }
                } catch (IOException e) {
                    throw new SeedException("seed/" + factsFile + " cannot be read: " + e.getMessage(), e);
                }
            }
            // Incidents first, whichever file declares them, so charges in any file can name them.
            factFiles.forEach((file, facts) -> loadFacts(file, facts, true));
            factFiles.forEach((file, facts) -> loadFacts(file, facts, false));
            try {
                em.flush();
            } catch (ConstraintViolationException e) {
                throw new SeedException("The seed breaks a database rule: " + rootMessage(e), e);
            }
            LOG.infof("Seed loaded: %d sources, %d persons, %d organisations, %d facts",
                    sources.size(), persons.size(), organizations.size(), factCount);
        }

        private <T> T read(String path, Class<T> type) {
            try (InputStream in = files.apply(path)) {
                if (in == null) {
                    throw new SeedException("seed/" + path + " is missing");
                }
                return yaml.readValue(in, type);
            } catch (IOException e) {
                throw new SeedException("seed/" + path + " cannot be read: " + e.getMessage(), e);
            }
        }

        private String readText(String file) {
            try (InputStream in = files.apply(file)) {
                if (in == null) {
                    throw new SeedException("seed/" + file + " is missing; sources.yaml names it");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SeedException("seed/" + file + " cannot be read: " + e.getMessage(), e);
            }
        }

        private void loadEntities(SeedFiles.Entities entities) {
            for (var spec : nonNull(entities.organizations())) {
                Organization o = new Organization();
                o.id = require(spec.id(), "organization id", "entities.yaml");
                o.name = require(spec.name(), "name of organization " + o.id, "entities.yaml");
                o.acronym = spec.acronym();
                o.kind = require(spec.kind(), "kind of organization " + o.id, "entities.yaml");
                o.aliases = new ArrayList<>(nonNull(spec.aliases()));
                unique(organizations, o.id, "organization");
                em.persist(o);
            }
            for (var spec : nonNull(entities.persons())) {
                Person p = new Person();
                p.id = require(spec.id(), "person id", "entities.yaml");
                p.name = require(spec.name(), "name of person " + p.id, "entities.yaml");
                p.concern = Boolean.TRUE.equals(spec.concern());
                unique(persons, p.id, "person");
                em.persist(p);
            }
            for (var spec : nonNull(entities.legalCases())) {
                LegalCase c = new LegalCase();
                c.id = require(spec.id(), "legal case id", "entities.yaml");
                c.title = require(spec.title(), "title of legal case " + c.id, "entities.yaml");
                c.court = spec.court();
                unique(cases, c.id, "legal case");
                em.persist(c);
            }
            em.flush();
        }

        /** Stores each text once and each source as its section of a text; answers the files in order. */
        private List<String> loadSources(SeedFiles.Sources file) {
            Map<String, SourceText> texts = new LinkedHashMap<>();
            for (var spec : nonNull(file.sources())) {
                String where = "sources.yaml, source " + spec.id();
                SourceText text = texts.computeIfAbsent(require(spec.file(), "file", where), f -> {
                    SourceText t = SourceText.of(f, readText(f));
                    em.persist(t);
                    return t;
                });
                Source s = new Source();
                s.id = require(spec.id(), "id", "sources.yaml");
                s.text = text;
                int[] section = section(text.text, spec.lines(), where);
                s.sectionStart = section[0];
                s.sectionEnd = section[1];
                s.title = require(spec.title(), "title", where);
                s.kind = require(spec.kind(), "kind", where);
                s.date = spec.date() == null ? EdtfRange.NONE : EdtfRange.of(edtf(spec.date(), where));
                s.dateNote = spec.dateNote();
                s.authors = new ArrayList<>(nonNull(spec.authors()));
                s.recipients = new ArrayList<>(nonNull(spec.recipients()));
                int position = 1;
                for (var sig : nonNull(spec.signatories())) {
                    SourceSignatory signatory = new SourceSignatory();
                    signatory.source = s;
                    signatory.position = position++;
                    signatory.name = require(sig.name(), "signatory name", where);
                    signatory.organizationId = known(organizations, sig.organization(), "organization", where);
                    signatory.personId = known(persons, sig.person(), "person", where);
                    signatory.role = sig.role();
                    s.signatories.add(signatory);
                }
                if (sources.put(s.id, s) != null) {
                    throw new SeedException(where + ": the id is used twice");
                }
                em.persist(s);
            }
            em.flush();
            for (var spec : nonNull(file.sources())) {
                for (var rel : nonNull(spec.relations())) {
                    String where = "sources.yaml, source " + spec.id() + ", relation";
                    if (!sources.containsKey(rel.source())) {
                        throw new SeedException(where + ": unknown source '" + rel.source() + "'");
                    }
                    SourceRelation relation = new SourceRelation();
                    relation.source = sources.get(spec.id());
                    relation.relatedId = rel.source();
                    relation.type = require(rel.type(), "type", where);
                    relation.note = rel.note();
                    em.persist(relation);
                }
            }
            return new ArrayList<>(texts.keySet());
        }

        /** Code-point offsets of lines [from, to] (1-based, inclusive); the whole text without lines. */
        private int[] section(String text, List<Integer> lines, String where) {
            int length = text.codePointCount(0, text.length());
            if (lines == null || lines.isEmpty()) {
                return new int[] {0, length};
            }
            if (lines.size() != 2 || lines.get(0) < 1 || lines.get(1) < lines.get(0)) {
                throw new SeedException(where + ": lines must be [first, last], 1-based, first <= last");
            }
            int line = 1;
            int start = lines.get(0) == 1 ? 0 : -1;
            int end = length;
            int cp = 0;
            for (int i = 0; i < text.length(); cp++) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                if (c == '\n') {
                    if (line == lines.get(1)) {
                        end = cp;
                        break;
                    }
                    line++;
                    if (line == lines.get(0)) {
                        start = cp + 1;
                    }
                }
            }
            if (start < 0 || start >= end) {
                throw new SeedException(where + ": lines " + lines + " are not in the file");
            }
            return new int[] {start, end};
        }

        private void loadFacts(String file, SeedFiles.Facts factFile, boolean incidents) {
            String defaultSource = factFile.source();
            if (defaultSource != null && !sources.containsKey(defaultSource)) {
                throw new SeedException("seed/" + file + ": unknown default source '" + defaultSource + "'");
            }
            int n = 0;
            for (FactInput spec : nonNull(factFile.facts())) {
                n++;
                if ("incident".equals(spec.type()) != incidents) {
                    continue;
                }
                String where = "seed/" + file + ", fact #" + n + " (" + spec.type() + describe(spec) + ")";
                try {
                    for (Fact fact : facts.build(spec, defaultSource)) {
                        em.persist(fact);
                        factCount++;
                    }
                } catch (QuoteNotLocatedException | FactInputException e) {
                    throw new SeedException(where + ": " + e.getMessage(), e);
                }
            }
            em.flush();
        }

        private String known(Set<String> ids, String id, String what, String where) {
            if (id != null && !ids.contains(id)) {
                throw new SeedException(where + ": unknown " + what + " '" + id + "'; declare it first");
            }
            return id;
        }

        private EdtfDate edtf(String text, String where) {
            try {
                return Edtf.parse(text);
            } catch (EdtfException e) {
                throw new SeedException(where + ": bad date " + e.getMessage(), e);
            }
        }

    }

    private static String describe(FactInput spec) {
        if (spec.person() != null) {
            return ", person " + spec.person();
        }
        if (spec.id() != null) {
            return ", id " + spec.id();
        }
        return spec.counted() != null ? ", counted '" + spec.counted() + "'" : "";
    }

    private static String require(String value, String field, String where) {
        if (value == null || value.isBlank()) {
            throw new SeedException(where + ": " + field + " is required");
        }
        return value;
    }

    private static void unique(Set<String> ids, String id, String what) {
        if (!ids.add(id)) {
            throw new SeedException("the " + what + " id '" + id + "' is declared twice");
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
