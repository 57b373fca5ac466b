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

    /**
     * Whether two states claimed for the same day disagree. An arrest is compatible with being held the same day
     * (the day of arrest is also the first day of detention); any other pair of different states is a conflict.
     */
    public static boolean conflict(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        Set<String> held = FILTERS.get("deprived_of_liberty");
        boolean arrestAndHeld = (a.equals("arrested") && held.contains(b)) || (b.equals("arrested") && held.contains(a));
        return !arrestAndHeld;
    }

    private CustodyStates() {
    }
}
