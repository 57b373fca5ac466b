package org.casefile.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/** Someone who may write: an editor writes facts and sources; an admin also manages accounts. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    /** What a username may be (the account table checks the same): 2 to 63 lower-case letters, digits, . _ or -. */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

    /** Stands for the caller's own account in paths (/api/accounts/me/tokens), so no account may be named so. */
    static final String ME = "me";

    @Id
    public String username;

    /** bcrypt, in modular crypt form; the password itself is never stored. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    public String role;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /** Set when an admin disabled the account: it cannot log in, and its tokens do not work. */
    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    @Column(name = "disabled_by")
    public String disabledBy;

    public boolean disabled() {
        return disabledAt != null;
    }

    /** The roles a role grants: an admin is an editor too. */
    static Set<String> rolesOf(String role) {
        return role.equals("admin") ? Set.of("admin", "editor") : Set.of("editor");
    }

    /** Whether the text could name an account (known or not). */
    static boolean possibleUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }
}
