package org.casefile.count;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casefile.custody.Basis;
import org.casefile.http.Params;
import org.casefile.organization.OrganizationService;
import org.casefile.problem.ProblemException;

/**
 * Reads what a count asks for from named values, the same way for GET /api/counts and for a draft's {{count}} and
 * {{list}} placeholders, so both accept the same words and refuse them with the same messages.
 */
@ApplicationScoped
public class CountParameters {

    /** The names a count accepts besides asOf and knownAt. */
    public static final List<String> NAMES = List.of("definition", "status", "basis", "affiliation", "citizenship", "incidentType");
    public static final List<String> GROUP_BY = List.of("status", "affiliation", "citizenship");
    public static final String DEFAULT_DEFINITION = "detained";

    private final CountService counts;
    private final OrganizationService organizations;

    public CountParameters(CountService counts, OrganizationService organizations) {
        this.counts = counts;
        this.organizations = organizations;
    }

    /** The question GET /api/counts and the counts page ask, from their query parameters as given (asOf: today when absent). */
    public CountService.Question question(String asOf, String definition, String status, String basis, String affiliation,
                                          String citizenship, String incidentType, String knownAt) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("definition", definition);
        values.put("status", status);
        values.put("basis", basis);
        values.put("affiliation", affiliation);
        values.put("citizenship", citizenship);
        values.put("incidentType", incidentType);
        return question(values, Params.date("asOf", asOf, org.casefile.http.Today.date()), Params.instant("knownAt", knownAt));
    }

    /** definition or status (not both; detained when neither), the basis (last_known when absent), then the narrowing. */
    public CountService.Question question(Map<String, String> values, LocalDate asOf, java.time.OffsetDateTime knownAt) {
        String definition = blankToNull(values.get("definition"));
        String status = blankToNull(values.get("status"));
        if (definition != null && status != null) {
            throw ProblemException.badParameter("status", "Give either 'definition' (a named count definition) or 'status' "
                    + "(a custody state or group), not both; got definition=" + definition + " and status=" + status + ".");
        }
        CountViews.Definition d = status != null
                ? CountService.byStatus(Params.oneOf("status", status, CountService.STATUS_VALUES, null))
                : counts.definition("definition", definition == null ? DEFAULT_DEFINITION : definition);
        return new CountService.Question(d, asOf, Basis.of("basis", values.get("basis")),
                organizations.resolve("affiliation", values.get("affiliation")),
                blankToNull(values.get("citizenship")),
                Params.oneOf("incidentType", values.get("incidentType"), org.casefile.fact.Incident.TYPES, null), knownAt);
    }

    /** groupBy: comma-separated status, affiliation, citizenship; status when absent. */
    public static List<String> groupBy(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String value : raw == null ? List.<String>of() : raw) {
            for (String part : value.split(",")) {
                String by = part.strip();
                if (by.isEmpty()) {
                    continue;
                }
                Params.oneOf("groupBy", by, GROUP_BY, null);
                if (!out.contains(by)) {
                    out.add(by);
                }
            }
        }
        return out.isEmpty() ? List.of("status") : out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
