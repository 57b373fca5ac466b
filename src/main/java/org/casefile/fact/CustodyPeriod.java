package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;

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

    @Column(name = "start_edtf")
    public String startEdtf;

    @Column(name = "start_lower")
    public LocalDate startLower;

    @Column(name = "start_upper")
    public LocalDate startUpper;

    @Column(name = "end_edtf")
    public String endEdtf;

    @Column(name = "end_lower")
    public LocalDate endLower;

    @Column(name = "end_upper")
    public LocalDate endUpper;

    public String place;

    /** The day the source confirms the state; evidence stops there. */
    @Column(name = "confirmed_on")
    public LocalDate confirmedOn;
}
