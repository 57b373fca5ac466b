package org.casefile.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim a source makes: one row in {@code fact} and one in the table of its kind. The database refuses to
 * commit a fact without a citation, so this type carries its citations and is written with them.
 */
@Entity
@Table(name = "fact")
@Inheritance(strategy = InheritanceType.JOINED)
@DiscriminatorColumn(name = "kind")
public abstract class Fact extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** preferred, normal or deprecated: editorial judgement, never whether the fact is current. */
    public String rank = "normal";

    @Column(name = "rank_reason")
    public String rankReason;

    /** True when the fact is implied by the text (e.g. "four days after" a dated event) rather than stated. */
    public boolean derived;

    public String derivation;

    public String note;

    /** Hidden from everyone but editors (row-level security in PostgreSQL). */
    public boolean restricted;

    @Column(name = "recorded_at", insertable = false, updatable = false)
    public OffsetDateTime recordedAt;

    /** Numbered by the database on every change; the replaced version goes to fact_history. */
    @Column(insertable = false, updatable = false)
    public int version;

    @Column(name = "recorded_by")
    public String recordedBy;

    /** Why this version was written: required for every change after the first. */
    @Column(name = "change_reason")
    public String changeReason;

    @OneToMany(mappedBy = "fact", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<Citation> citations = new ArrayList<>();

    public void cite(Citation citation) {
        citation.fact = this;
        citations.add(citation);
    }
}
