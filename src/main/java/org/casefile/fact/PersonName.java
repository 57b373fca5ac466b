package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;

/** One form of a person's name, as a source uses it. */
@Entity
@Table(name = "person_name")
@DiscriminatorValue("name")
@PrimaryKeyJoinColumn(name = "fact_id")
public class PersonName extends Fact {

    @Column(name = "person_id", nullable = false)
    public String personId;

    /** Exactly as the source writes it, honorifics included. */
    public String name;

    /** primary, spelling_variant, romanisation, honorific, short_form or khmer_script. */
    public String form;
}
