package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.casefile.edtf.EdtfRange;
import org.hibernate.annotations.EmbeddedColumnNaming;

/** A custody state over a span of valid time, as one source states it. */
@Entity
@Table(name = "custody_period")
@DiscriminatorValue("custody")
@PrimaryKeyJoinColumn(name = "fact_id")
public class CustodyPeriod extends Fact {

    @Column(name = "person_id", nullable = false)
    public String personId;

    /** One of the DESIGN custody states. */
    public String state;

    @Embedded
    @EmbeddedColumnNaming("start_%s")
    public EdtfRange start;

    @Embedded
    @EmbeddedColumnNaming("end_%s")
    public EdtfRange end;

    public String place;

    /** The day the source confirms the state; evidence stops there. */
    @Column(name = "confirmed_on")
    public LocalDate confirmedOn;
}
