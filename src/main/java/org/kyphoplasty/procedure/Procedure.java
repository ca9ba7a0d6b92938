package org.kyphoplasty.procedure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One treated fracture episode. The patient's site is copied here: it never changes. */
@Entity
@Table(name = "procedure")
public class Procedure extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false, updatable = false)
    public UUID patientId;

    @Column(nullable = false, updatable = false)
    public String site;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProcedureType type;

    @Column(name = "performed_on", nullable = false)
    public LocalDate performedOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Indication indication;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] levels;

    @Column(name = "fracture_onset")
    public LocalDate fractureOnset;

    /** Millilitres with two decimals, as measured on the syringe: BigDecimal keeps what was entered. */
    @Column(name = "cement_volume_ml", precision = 5, scale = 2)
    public BigDecimal cementVolumeMl;

    @Column(name = "age_at_procedure", nullable = false)
    @JdbcTypeCode(SqlTypes.SMALLINT)
    public int ageAtProcedure;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
