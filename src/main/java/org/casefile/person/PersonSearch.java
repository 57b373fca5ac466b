package org.casefile.person;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.casefile.count.CountAnswers;
import org.casefile.count.CountService;
import org.casefile.count.CountViews;
import org.casefile.custody.Basis;
import org.casefile.custody.CustodyStates;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.http.Params;
import org.casefile.http.Today;
import org.casefile.organization.OrganizationService;
import org.casefile.security.ReaderInterceptor;

/**
 * The people search of GET /api/persons and the front page: its parameters checked into a {@link PersonService.Search}
 * one way, answered one way, so the page finds exactly whom the API finds.
 */
@ApplicationScoped
public class PersonSearch {

    static final List<String> SORTS = List.of("relevance", "name", "-name", "lastConfirmed", "-lastConfirmed");
    static final List<String> ROLES = List.of("victim", "alleged_perpetrator", "perpetrator", "target", "decision_maker",
            "witness", "organizer", "mentioned");

    private final PersonService persons;
    private final OrganizationService organizations;
    private final KeptLists kept;
    private final CountService counts;
    private final CountAnswers answers;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final PersonNameIndex names;

    public PersonSearch(PersonService persons, OrganizationService organizations, KeptLists kept, CountService counts,
                        CountAnswers answers, ObjectMapper mapper, SecurityIdentity identity, PersonNameIndex names) {
        this.names = names;
        this.persons = persons;
        this.kept = kept;
        this.organizations = organizations;
        this.counts = counts;
        this.answers = answers;
        this.mapper = mapper;
        this.identity = identity;
    }

    /** The raw query parameters, as given (null when absent). */
    public record Asked(String q, String status, String asOf, String basis, String certainty, String concern,
                        String affiliation, String citizenship, String role, String sort) {
    }

    /** The search the parameters ask for; a 400 naming the parameter when one is malformed or unknown. */
    public PersonService.Search search(Asked a) {
        String statusFilter = Params.oneOf("status", a.status(), CustodyStates.FILTERS.keySet(), null);
        String concernFilter = Params.oneOf("concern", a.concern(), List.of("true", "false"), null);
        String certaintyFilter = Params.oneOf("certainty", a.certainty(), List.of("any", "definite"), "any");
        String roleFilter = Params.oneOf("role", a.role(), ROLES, null);
        boolean hasQuery = a.q() != null && !a.q().isBlank();
        String sortBy = Params.oneOf("sort", a.sort(), SORTS, hasQuery ? "relevance" : "name");
        return new PersonService.Search(a.q(),
                statusFilter == null ? null : CustodyStates.FILTERS.get(statusFilter),
                Params.date("asOf", a.asOf(), Today.date()), Basis.of("basis", a.basis()), certaintyFilter.equals("definite"),
                concernFilter == null ? null : Boolean.valueOf(concernFilter),
                // Only asked when given: the lookup opens a transaction, which name search does without.
                a.affiliation() == null || a.affiliation().isBlank() ? null : organizations.resolve("affiliation", a.affiliation()),
                a.citizenship() == null || a.citizenship().isBlank() ? null : a.citizenship().trim(), roleFilter, sortBy);
    }

    /**
     * The page of people the search finds: a count's first page from the count's kept answer (itself kept per day and
     * served only while current), a name search by relevance and nothing else from the name index, any other from the
     * kept lists or made now.
     */
    public Page<PersonViews.Summary> find(PersonService.Search search, PageRequest page) {
        return counted(search, page).or(() -> named(search, page)).orElseGet(() -> kept.page(search, page, () -> persons.list(search, page,
                search.q() == null || search.q().isBlank() ? null : names.find(search.q(), ReaderInterceptor.seesRestricted(identity)))));
    }

    /**
     * A name search by relevance, nothing else asked: the page as the name index orders its matches, then the page's
     * people. The index answers as of every change its reader could see (PersonNameIndex#find), and holds only whom
     * the reader may see, so its count of matches is the total. Empty when the search is not that question.
     */
    private Optional<Page<PersonViews.Summary>> named(PersonService.Search s, PageRequest page) {
        if (s.q() == null || s.q().isBlank() || s.states() != null || s.concern() != null || s.organizationId() != null
                || s.citizenship() != null || s.role() != null || !"relevance".equals(s.sort())) {
            return Optional.empty();
        }
        PersonNameIndex.Found found = names.find(s.q(), ReaderInterceptor.seesRestricted(identity));
        if (found.key().isEmpty()) {
            throw PersonService.noLetters(s.q());
        }
        List<PersonNameIndex.Match> matches = found.matches();
        List<String> ids = matches.subList(Math.min(page.offset(), matches.size()), Math.min(page.offset() + page.size(), matches.size()))
                .stream().map(PersonNameIndex.Match::personId).toList();
        return Optional.of(new Page<>(persons.summaries(ids, s.asOf(), s.basis()), matches.size(), page.page(), page.size()));
    }

    /**
     * The first page, by name, of the people in a count definition's states on a day, nothing else asked: the people
     * and total of that count's public answer ({@link CountAnswers}, kept per day), since the list is exactly whom the
     * count counts. The answer kept for the day is read instead of every judged run that covers the day; empty when
     * the search is not that question (or the reader sees restricted records, whose counts are never kept).
     */
    private Optional<Page<PersonViews.Summary>> counted(PersonService.Search s, PageRequest page) {
        if (s.states() == null || (s.q() != null && !s.q().isBlank()) || !"name".equals(s.sort()) || s.definiteOnly()
                || s.concern() != null || s.organizationId() != null || s.citizenship() != null || s.role() != null
                || !CountAnswers.FIRST_PAGE.equals(page) || ReaderInterceptor.seesRestricted(identity)) {
            return Optional.empty();
        }
        Optional<CountViews.Definition> definition = counts.definitions().stream()
                .filter(d -> d.organization() == null && d.incidentType() == null && Set.copyOf(d.states()).equals(s.states()))
                .findFirst();
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        CountService.Question question = new CountService.Question(definition.get(), s.asOf(), s.basis(), null, null, null, null);
        JsonNode people;
        try {
            people = mapper.readTree(answers.json(question, CountAnswers.GROUP_BY, CountAnswers.FIRST_PAGE)).path("people");
        } catch (IOException e) {
            throw new IllegalStateException("count answer cannot be read", e);
        }
        List<String> ids = new ArrayList<>();
        people.path("items").forEach(p -> ids.add(p.path("id").asText()));
        return Optional.of(new Page<>(persons.summaries(ids, s.asOf(), s.basis()), people.path("total").asLong(),
                page.page(), page.size()));
    }
}
