package org.casefile.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Someone who may write: an editor writes facts and sources; an admin also manages accounts. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

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
}
