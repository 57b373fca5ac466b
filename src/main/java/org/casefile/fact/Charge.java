package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import java.util.List;
import org.casefile.edtf.EdtfRange;
import org.hibernate.annotations.EmbeddedColumnNaming;

/** A charge against a person and how far it went, as a source states it. */
@Entity
@Table(name = "charge")
@DiscriminatorValue("charge")
@PrimaryKeyJoinColumn(name = "fact_id")
public class Charge extends Fact {

    @Column(name = "person_id")
    public String personId;

    @Column(name = "legal_case_id")
    public String legalCaseId;

    @Column(name = "incident_id")
    public String incidentId;

    /** The charge as stated. */
    public String charge;

    @Embedded
    @EmbeddedColumnNaming("date_%s")
    public EdtfRange date;

    public String court;

    /** The stages a charge may be at, in the order a case moves (the database's check, V1). */
    public static final List<String> STAGES = List.of("alleged", "charged", "on_trial", "convicted", "acquitted", "dropped");

    /** One of {@link #STAGES}. */
    public String stage;

    public String outcome;

    /** The sentence as stated. */
    public String sentence;

    @Column(name = "sentence_years")
    public java.math.BigDecimal sentenceYears;

    @Column(name = "in_absentia")
    public boolean inAbsentia;
}
