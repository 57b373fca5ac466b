package org.casefile.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * The passage a fact rests on (W3C Web Annotation TextQuoteSelector and TextPositionSelector): the quote, and
 * code-point offsets into the stored source text, end exclusive. The database re-checks that they agree.
 */
@Entity
@Table(name = "citation")
public class Citation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "fact_id")
    public Fact fact;

    @Column(name = "source_id", nullable = false)
    public String sourceId;

    @Column(nullable = false)
    public String quote;

    public String prefix;
    public String suffix;

    @Column(name = "start_offset", nullable = false)
    public int start;

    @Column(name = "end_offset", nullable = false)
    public int end;
}
