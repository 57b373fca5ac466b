package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;

/** A person's or organisation's part in an incident. */
@Entity
@Table(name = "involvement")
@DiscriminatorValue("involvement")
@PrimaryKeyJoinColumn(name = "fact_id")
public class Involvement extends Fact {

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(name = "person_id")
    public String personId;

    @Column(name = "organization_id")
    public String organizationId;

    /** The roles a person or organisation has in an incident (V1 schema). */
    public static final java.util.List<String> ROLES = java.util.List.of("victim", "target", "alleged_perpetrator", "perpetrator",
            "decision_maker", "witness", "organizer", "mentioned");

    /** One of {@link #ROLES}. */
    public String role;

    @Column(name = "name_as_written")
    public String nameAsWritten;
}
