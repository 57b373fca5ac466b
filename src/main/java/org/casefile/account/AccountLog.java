package org.casefile.account;

import org.jboss.logging.Logger;

/**
 * What happens to logins, accounts and tokens, logged with who, from where and why: never a password, an
 * Authorization header or a token. A username as given is logged only as text that cannot forge a log line.
 */
final class AccountLog {

    private static final Logger LOG = Logger.getLogger(AccountLog.class);

    private AccountLog() {
    }

    static void loggedIn(String username, String address, String by) {
        LOG.debugf("Login: %s from %s (%s)", username, address, by);
    }

    static void refused(String username, String address, String reason) {
        LOG.infof("Login refused: %s from %s (%s)", shown(username), address, reason);
    }

    /** The failure that reached a limit: later attempts are refused quietly until the window clears. */
    static void throttleStarted(String username, String address, long retryAfterSeconds) {
        LOG.warnf("Logins throttled: %s from %s has had too many failed logins; refused for %d s", shown(username), address,
                retryAfterSeconds);
    }

    static void throttled(String username, String address, long retryAfterSeconds) {
        LOG.debugf("Login refused: %s from %s (throttled for %d s)", shown(username), address, retryAfterSeconds);
    }

    static void account(String what, String username, String by, String address) {
        LOG.infof("Account %s %s by %s from %s", username, what, by, address);
    }

    static void token(String what, long id, String owner, String by, String address) {
        LOG.infof("API token %d of %s %s by %s from %s", id, owner, what, by, address);
    }

    static void tokenRefused(String reason, Long id, String owner, String address) {
        LOG.infof("Token refused: %s from %s (%s)", id == null ? "unknown token" : "token " + id + " of " + owner, address, reason);
    }

    /** A name as a client sent it, safe in a log line: printable ASCII as it is, anything else escaped, at most 64. */
    static String shown(String username) {
        if (username == null) {
            return "(none)";
        }
        StringBuilder shown = new StringBuilder("'");
        username.codePoints().limit(64).forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                shown.append((char) c);
            } else {
                shown.append(String.format("\\u%04x", c));
            }
        });
        return shown.append(username.codePointCount(0, username.length()) > 64 ? "…'" : "'").toString();
    }
}
