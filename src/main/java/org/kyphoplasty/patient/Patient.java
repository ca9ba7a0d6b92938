package org.kyphoplasty.patient;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.kyphoplasty.clinical.Sex;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A pseudonymous patient: the site's own reference, birth year and sex; nothing identifying. */
@Entity
@Table(name = "patient")
public class Patient extends PanacheEntityBase {

    /** Length of {@code external_ref} in characters (varchar(64) and is_valid_text in the schema). */
    public static final int EXTERNAL_REF_MAX = 64;

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String site;

    @Column(name = "external_ref", nullable = false)
    public String externalRef;

    @Column(name = "birth_year", nullable = false)
    @JdbcTypeCode(SqlTypes.SMALLINT)
    public int birthYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sex sex;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
