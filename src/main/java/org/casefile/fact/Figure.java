package org.casefile.fact;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import org.casefile.edtf.EdtfRange;
import org.hibernate.annotations.EmbeddedColumnNaming;

/** A number a source reports, kept as stated: never averaged or merged with another. */
@Entity
@Table(name = "figure")
@DiscriminatorValue("figure")
@PrimaryKeyJoinColumn(name = "fact_id")
public class Figure extends Fact {

    public long value;

    /** How a source qualifies a number (V1 schema): "at least 30" is at_least. */
    public static final java.util.List<String> QUALIFIERS = java.util.List.of("exact", "at_least", "more_than", "about", "at_most");

    /** One of {@link #QUALIFIERS}. */
    public String qualifier;

    /** What was counted, in the source's words. */
    public String counted;

    public String category;

    @Embedded
    @EmbeddedColumnNaming("as_of_%s")
    public EdtfRange asOf;
}
