package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import org.casefile.edtf.EdtfRange;
import org.hibernate.annotations.EmbeddedColumnNaming;

/** A membership, office or role a source states. */
@Entity
@Table(name = "affiliation")
@DiscriminatorValue("affiliation")
@PrimaryKeyJoinColumn(name = "fact_id")
public class Affiliation extends Fact {

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Column(name = "organization_id")
    public String organizationId;

    /** The role as stated, e.g. "vice president of the National Assembly". */
    public String role;

    @Embedded
    @EmbeddedColumnNaming("date_%s")
    public EdtfRange date;

    /** The source calls it former. */
    public boolean former;
}
