package org.kyphoplasty.procedure;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.kyphoplasty.assessment.Assessment;
import org.kyphoplasty.assessment.AssessmentResponse;
import org.kyphoplasty.audit.AuditAction;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.audit.EntityType;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.DomainException;
import org.kyphoplasty.common.RetryOnConflict;
import org.kyphoplasty.common.SiteLocks;
import org.kyphoplasty.patient.Patient;
import org.kyphoplasty.patient.PatientService;
import org.kyphoplasty.security.Caller;


@ApplicationScoped
@Transactional
@RetryOnConflict
public class ProcedureService {

    private final PatientService patients;
    private final ProcedureValidation validation;
    private final AuditService audit;
    private final EntityManager entityManager;
    private final SiteLocks siteLocks;

    public ProcedureService(PatientService patients, ProcedureValidation validation, AuditService audit,
            EntityManager entityManager, SiteLocks siteLocks) {
        this.patients = patients;
        this.siteLocks = siteLocks;
        this.validation = validation;
        this.audit = audit;
        this.entityManager = entityManager;
    }

    public ProcedureResponse create(Caller caller, UUID patientId, ProcedureRequest request) {
        Patient patient = patients.visible(caller, patientId);
        List<FieldError> errors = validation.violations(request, patient.birthYear);
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        siteLocks.forWrite(patient.site);
        Procedure procedure = new Procedure();
        procedure.id = UUID.randomUUID();
        procedure.patientId = patient.id;
        procedure.site = patient.site;
        procedure.type = request.type();
        procedure.performedOn = request.performedOn();
        procedure.indication = request.indication();
        procedure.levels = request.levels().stream().map(Enum::name).toArray(String[]::new);
        procedure.fractureOnset = request.fractureOnset();
        procedure.cementVolumeMl = request.cementVolumeMl();
        procedure.ageAtProcedure = request.performedOn().getYear() - patient.birthYear;
        procedure.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!insertUnlessExists(procedure)) {
            String detail = "this patient already has a " + request.type() + " on " + request.performedOn();
            // a new statement sees the row of the transaction that won (read committed)
            throw find(patientId, request.type(), request.performedOn())
                    .map(existing -> new DomainException.Duplicate(detail,
                            new DomainException.Existing(DomainException.Collection.PROCEDURES, existing.id)))
                    .orElseGet(() -> new DomainException.Duplicate(detail, null));
        }
        ProcedureResponse created = ProcedureResponse.of(procedure, null);
        audit.record(caller.user(), AuditAction.CREATE, EntityType.PROCEDURE, procedure.id, null, created);
        return ProcedureResponse.of(procedure, List.of());
    }

    /**
     * Inserts the procedure in one statement that also detects a duplicate (patient, type, date), so
     * concurrent creations, or a creation during an import, get the same 409 as a plain duplicate.
     */
    private boolean insertUnlessExists(Procedure procedure) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_UNLESS_EXISTS)) {
                insert.setObject(1, procedure.id);
                insert.setObject(2, procedure.patientId);
                insert.setString(3, procedure.site);
                insert.setString(4, procedure.type.name());
                insert.setObject(5, procedure.performedOn);
                insert.setString(6, procedure.indication.name());
                insert.setArray(7, connection.createArrayOf("text", procedure.levels));
                insert.setObject(8, procedure.fractureOnset, Types.DATE);
                insert.setBigDecimal(9, procedure.cementVolumeMl);
                insert.setInt(10, procedure.ageAtProcedure);
                insert.setObject(11, procedure.createdAt.atOffset(ZoneOffset.UTC));
                return insert.executeUpdate() == 1;
            }
        });
    }

    private static final String INSERT_UNLESS_EXISTS = "insert into procedure (id, patient_id, site, type, performed_on, "
            + "indication, levels, fracture_onset, cement_volume_ml, age_at_procedure, created_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (patient_id, type, performed_on) do nothing";

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProcedureResponse get(Caller caller, UUID id) {
        Procedure procedure = visible(caller, id, false);
        List<AssessmentResponse> assessments = Assessment.<Assessment>list("procedureId", id)
                .stream().map(AssessmentResponse::of)
                .sorted(java.util.Comparator.comparing(AssessmentResponse::timepoint))
                .toList();
        return ProcedureResponse.of(procedure, assessments);
    }

    /**
     * The procedure, if it exists and the caller may see its site; otherwise the same 404 either way.
     * With {@code lockForWrite}, the site's shared write lock is taken ({@link SiteLocks}) and the row
     * is locked until the transaction ends, which serialises all writes to the procedure's
     * assessments (no lost update, no duplicate-create race).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Procedure visible(Caller caller, UUID id, boolean lockForWrite) {
        Procedure procedure = Procedure.findById(id);
        if (procedure == null || !caller.maySee(procedure.site)) {
            throw new DomainException.NotFound("procedure " + id);
        }
        if (lockForWrite) {
            // the site's lock first (an import of the site may be writing), then the row's
            siteLocks.forWrite(procedure.site);
            procedure = Procedure.findById(id, LockModeType.PESSIMISTIC_WRITE);
        }
        return procedure;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Procedure> find(UUID patientId, ProcedureType type, java.time.LocalDate performedOn) {
        return Procedure.find("patientId = ?1 and type = ?2 and performedOn = ?3", patientId, type, performedOn)
                .firstResultOptional();
    }
}
