package org.casefile.account;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How many failed logins an account, and a client address, may have within the window before further logins are
 * refused with 429 until enough of those failures are older than the window. Defaults in application.properties.
 */
@ConfigMapping(prefix = "casefile.login")
public interface LoginLimits {

    /** How long a failed login counts against the account and the address. */
    Duration window();

    /** Failures an account (known or not) may have within the window, from any address. */
    @Min(1)
    int accountFailures();

    /** Failures a client address may have within the window, for any accounts. */
    @Min(1)
    int addressFailures();
}
