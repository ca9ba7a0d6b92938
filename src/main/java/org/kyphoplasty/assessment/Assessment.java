package org.kyphoplasty.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.kyphoplasty.clinical.TimePoint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The scores of one procedure at one nominal time point. {@code version} is compared by hand under
 * a row lock of the procedure (see AssessmentService), not by JPA's optimistic locking, so that a
 * stale If-Match is answered with 412 before anything is written.
 */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "procedure_id", nullable = false, updatable = false)
    public UUID procedureId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public TimePoint timepoint;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Column(name = "day_offset", nullable = false)
    public int dayOffset;

    @Column(name = "within_window", nullable = false)
    public boolean withinWindow;

    @Column(name = "pain_nrs")
    @JdbcTypeCode(SqlTypes.SMALLINT)
    public Integer painNrs;

    @Column(name = "mobility_fac")
    @JdbcTypeCode(SqlTypes.SMALLINT)
    public Integer mobilityFac;

    @JdbcTypeCode(SqlTypes.SMALLINT)
    public Integer odi;

    @JdbcTypeCode(SqlTypes.SMALLINT)
    public Integer rmdq;

    /** EQ-5D index to three decimals as published in the value sets: BigDecimal keeps it exact. */
    @Column(name = "eq5d_index", precision = 4, scale = 3)
    public BigDecimal eq5dIndex;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
