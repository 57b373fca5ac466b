package org.casefile.http;

import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one definition of "today" for every endpoint that defaults a day to it: the date in the zone
 * {@code casefile.today-zone} (default UTC), so an answer does not depend on the server's own time zone.
 */
public final class Today {

    private static volatile ZoneId zone;

    public static LocalDate date() {
        return LocalDate.now(zone());
    }

    public static ZoneId zone() {
        ZoneId z = zone;
        if (z == null) {
            z = ZoneId.of(ConfigProvider.getConfig().getValue("casefile.today-zone", String.class));
            zone = z;
        }
        return z;
    }

    private Today() {
    }
}
