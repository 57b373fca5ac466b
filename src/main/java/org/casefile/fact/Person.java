package org.casefile.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person: identity only. Every name a source uses is a cited {@link org.casefile.fact.PersonName}. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    public String id;

    /** The display name. */
    public String name;

    /** Presented by a source as detained, charged, attacked, exiled or otherwise targeted. */
    public boolean concern;

    /** Hidden, with every fact about them, from everyone but editors. */
    public boolean restricted;

    /** Set when this record was merged into another; its id then redirects there. */
    @jakarta.persistence.Column(name = "merged_into")
    public String mergedInto;

    @jakarta.persistence.Column(name = "recorded_by")
    public String recordedBy;

    @jakarta.persistence.Column(name = "change_reason")
    public String changeReason;
}
