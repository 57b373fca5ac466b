package org.casefile.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;

/** How two sources relate: the same statement in two files, an article reporting on a letter. */
@Entity
@Table(name = "source_relation")
@IdClass(SourceRelation.Key.class)
public class SourceRelation extends PanacheEntityBase {

    public record Key(String source, String relatedId, String type) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "source_id")
    public Source source;

    @Id
    @Column(name = "related_id")
    public String relatedId;

    @Id
    public String type;

    public String note;
}
