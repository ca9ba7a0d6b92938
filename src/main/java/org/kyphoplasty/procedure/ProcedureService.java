package org.kyphoplasty.procedure;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.kyphoplasty.assessment.Assessment;
import org.kyphoplasty.assessment.AssessmentResponse;
import org.kyphoplasty.audit.AuditAction;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.audit.EntityType;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.patient.Patient;
import org.kyphoplasty.patient.PatientService;
import org.kyphoplasty.security.Caller;


@ApplicationScoped
@Transactional
public class ProcedureService {

    private final PatientService patients;
    private final ProcedureValidation validation;
    private final AuditService audit;

    public ProcedureService(PatientService patients, ProcedureValidation validation, AuditService audit) {
        this.patients = patients;
        this.validation = validation;
        this.audit = audit;
    }

    public ProcedureResponse create(Caller caller, UUID patientId, ProcedureRequest request) {
        Patient patient = patients.visible(caller, patientId);
        List<FieldError> errors = validation.violations(request, patient.birthYear);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Optional<Procedure> existing = find(patientId, request.type(), request.performedOn());
        if (existing.isPresent()) {
            throw ProblemException.conflict("this patient already has a " + request.type() + " on "
                    + request.performedOn(), Procedure.path(existing.get().id));
        }
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
        procedure.persist();
        ProcedureResponse created = ProcedureResponse.of(procedure, null);
        audit.record(caller.user(), AuditAction.CREATE, EntityType.PROCEDURE, procedure.id, null, created);
        return ProcedureResponse.of(procedure, List.of());
    }

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
     * With {@code lockForWrite}, the row is locked until the transaction ends, which serialises all
     * writes to the procedure's assessments (no lost update, no duplicate-create race).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Procedure visible(Caller caller, UUID id, boolean lockForWrite) {
        Procedure procedure = lockForWrite ? Procedure.findById(id, LockModeType.PESSIMISTIC_WRITE) : Procedure.findById(id);
        if (procedure == null || !caller.maySee(procedure.site)) {
            throw ProblemException.notFound("procedure " + id);
        }
        return procedure;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Procedure> find(UUID patientId, ProcedureType type, java.time.LocalDate performedOn) {
        return Procedure.find("patientId = ?1 and type = ?2 and performedOn = ?3", patientId, type, performedOn)
                .firstResultOptional();
    }
}
