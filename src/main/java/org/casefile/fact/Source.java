package org.casefile.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.casefile.edtf.EdtfRange;
import org.hibernate.annotations.EmbeddedColumnNaming;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A document (letter, joint statement, article) with its metadata; its words live in a {@link SourceText}. */
@Entity
@Table(name = "source")
public class Source extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "text_id", updatable = false)
    public SourceText text;

    /** The code points of the text this source occupies: a file may hold several letters. */
    @Column(name = "section_start", updatable = false)
    public int sectionStart;

    @Column(name = "section_end", updatable = false)
    public int sectionEnd;

    public String title;
    public String kind;

    @Embedded
    @EmbeddedColumnNaming("date_%s")
    public EdtfRange date;

    @Column(name = "date_note")
    public String dateNote;

    /** Hidden, with its citations, from everyone but editors. */
    public boolean restricted;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "change_reason")
    public String changeReason;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> authors = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> recipients = new ArrayList<>();

    @OneToMany(mappedBy = "source", cascade = CascadeType.ALL)
    @OrderBy("position")
    public List<SourceSignatory> signatories = new ArrayList<>();

    @OneToMany(mappedBy = "source", cascade = CascadeType.ALL)
    public List<SourceRelation> relations = new ArrayList<>();
}
