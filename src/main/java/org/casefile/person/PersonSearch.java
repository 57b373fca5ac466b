package org.casefile.person;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.casefile.api.Page;
import org.casefile.api.PageRequest;
import org.casefile.api.Params;
import org.casefile.api.Today;
import org.casefile.custody.Basis;
import org.casefile.custody.CustodyStates;
import org.casefile.organization.OrganizationService;

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

    public PersonSearch(PersonService persons, OrganizationService organizations, KeptLists kept) {
        this.persons = persons;
        this.kept = kept;
        this.organizations = organizations;
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

    /** The page of people the search finds. */
    public Page<PersonViews.Summary> find(PersonService.Search search, PageRequest page) {
        return kept.page(search, page, () -> persons.list(search, page));
    }
}
