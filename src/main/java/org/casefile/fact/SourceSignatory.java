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

/** One signatory of a source, as written, in the document's order. */
@Entity
@Table(name = "source_signatory")
@IdClass(SourceSignatory.Key.class)
public class SourceSignatory extends PanacheEntityBase {

    public record Key(String source, int position) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "source_id")
    public Source source;

    @Id
    public int position;

    public String name;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "person_id")
    public String personId;

    public String role;
}
