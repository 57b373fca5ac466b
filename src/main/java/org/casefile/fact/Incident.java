package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import org.casefile.edtf.EdtfRange;
import org.hibernate.annotations.EmbeddedColumnNaming;

/** An event a source describes: an arrest, an assault, a trial, a killing. */
@Entity
@Table(name = "incident")
@DiscriminatorValue("incident")
@PrimaryKeyJoinColumn(name = "fact_id")
public class Incident extends Fact {

    /** The kinds of incident (V1 schema, seed/README.md). */
    public static final java.util.List<String> TYPES = java.util.List.of("arrest", "detention", "assault", "killing", "trial",
            "conviction", "sentencing", "removal_from_office", "arrest_warrant", "charge", "party_dissolution", "law_adopted",
            "summons", "release", "threat", "protest", "statement", "other");

    /** The stable, readable id used in URLs (the fact id changes with new versions). */
    @Column(name = "id", nullable = false, unique = true)
    public String slug;

    @Column(name = "incident_type")
    public String incidentType;

    public String title;

    @Embedded
    @EmbeddedColumnNaming("date_%s")
    public EdtfRange date;

    public String place;

    public String description;
}
