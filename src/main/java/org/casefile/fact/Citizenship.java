package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;

/** A citizenship a source states. */
@Entity
@Table(name = "citizenship")
@DiscriminatorValue("citizenship")
@PrimaryKeyJoinColumn(name = "fact_id")
public class Citizenship extends Fact {

    @Column(name = "person_id", nullable = false)
    public String personId;

    public String country;
}
