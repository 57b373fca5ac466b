package org.casefile.fact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A prosecution that charges belong to: identity only. */
@Entity
@Table(name = "legal_case")
public class LegalCase extends PanacheEntityBase {

    @Id
    public String id;
    public String title;
    public String court;
}
