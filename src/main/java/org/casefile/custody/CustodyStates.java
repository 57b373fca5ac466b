package org.casefile.custody;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The DESIGN custody vocabulary and the groups researchers filter by. */
public final class CustodyStates {

    public static final List<String> STATES = List.of("arrested", "pretrial_detention", "imprisoned", "house_arrest",
            "judicial_supervision", "released_on_bail", "released", "convicted_in_absentia", "wanted", "in_exile", "deceased");

    /** Filter values: every state, plus the two groups. */
    public static final Map<String, Set<String>> FILTERS;

    static {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        filters.put("detained", Set.of("arrested", "pretrial_detention", "imprisoned"));
        filters.put("deprived_of_liberty", Set.of("arrested", "pretrial_detention", "imprisoned", "house_arrest"));
        STATES.forEach(s -> filters.put(s, Set.of(s)));
        FILTERS = java.util.Collections.unmodifiableMap(filters);
    }

    private CustodyStates() {
    }
}
