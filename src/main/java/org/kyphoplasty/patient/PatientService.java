package org.kyphoplasty.patient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.kyphoplasty.audit.AuditAction;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.audit.EntityType;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Page;
import org.kyphoplasty.common.PageRequest;
import org.kyphoplasty.common.DomainException;
import org.kyphoplasty.common.RetryOnConflict;
import org.kyphoplasty.common.SiteLocks;
import org.kyphoplasty.security.Caller;

import io.quarkus.panache.common.Sort;

@ApplicationScoped
@Transactional
@RetryOnConflict
public class PatientService {

    private final PatientValidation validation;
    private final AuditService audit;
    private final EntityManager entityManager;
    private final SiteLocks siteLocks;

    public PatientService(PatientValidation validation, AuditService audit, EntityManager entityManager,
            SiteLocks siteLocks) {
        this.validation = validation;
        this.siteLocks = siteLocks;
        this.audit = audit;
        this.entityManager = entityManager;
    }

    public PatientResponse create(Caller caller, PatientRequest request) {
        List<FieldError> errors = validation.violations(request);
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        if (!caller.maySee(request.site())) {
            throw new DomainException.NotAllowed("you may not create patients for site " + request.site());
        }
        siteLocks.forWrite(request.site());
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.site = request.site();
        patient.externalRef = request.externalRef();
        patient.birthYear = request.birthYear();
        patient.sex = request.sex();
        // microsecond precision: what PostgreSQL stores, so the response equals a later read
        patient.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!insertUnlessExists(patient)) {
            throw duplicate(request);
        }
        PatientResponse created = PatientResponse.of(patient, null);
        audit.record(caller.user(), AuditAction.CREATE, EntityType.PATIENT, patient.id, null, created);
        return PatientResponse.of(patient, List.of());
    }

    /**
     * Inserts the patient in one statement that also detects a duplicate, so that two clinicians (or
     * a clinician and an import) registering the same patient at once both get an answer from the
     * same rule: the second one waits for the first to commit, then finds its row.
     */
    private boolean insertUnlessExists(Patient patient) {
        return entityManager.createNativeQuery(INSERT_UNLESS_EXISTS)
                .setParameter(1, patient.id)
                .setParameter(2, patient.site)
                .setParameter(3, patient.externalRef)
                .setParameter(4, patient.birthYear)
                .setParameter(5, patient.sex.name())
                .setParameter(6, patient.createdAt)
                .executeUpdate() == 1;
    }

    private static final String INSERT_UNLESS_EXISTS = "insert into patient (id, site, external_ref, birth_year, sex, "
            + "created_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (site, external_ref) do nothing";

    private DomainException.Duplicate duplicate(PatientRequest request) {
        // a new statement sees the row of the transaction that won (read committed)
        return findBySiteAndExternalRef(request.site(), request.externalRef())
                .map(existing -> new DomainException.Duplicate("a patient with this site and externalRef exists",
                        new DomainException.Existing(DomainException.Collection.PATIENTS, existing.id)))
                .orElseGet(() -> new DomainException.Duplicate("a patient with this site and externalRef was being "
                        + "created at the same time; look it up", null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PatientResponse get(Caller caller, UUID id) {
        Patient patient = visible(caller, id);
        List<PatientResponse.ProcedureSummary> procedures = entityManager.createQuery(
                "select new org.kyphoplasty.patient.PatientResponse$ProcedureSummary(p.id, p.type, p.performedOn) "
                        + "from Procedure p where p.patientId = :patient order by p.performedOn, p.type",
                PatientResponse.ProcedureSummary.class)
                .setParameter("patient", id)
                .getResultList();
        return PatientResponse.of(patient, procedures);
    }

    /** The patient, if it exists and the caller may see its site; otherwise the same 404 either way. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Patient visible(Caller caller, UUID id) {
        Patient patient = Patient.findById(id);
        if (patient == null || !caller.maySee(patient.site)) {
            throw new DomainException.NotFound("patient " + id);
        }
        return patient;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PatientResponse> list(Caller caller, String site, String externalRef, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new java.util.HashMap<>();
        Set<String> restriction = caller.siteRestriction();
        if (restriction != null) {
            if (restriction.isEmpty()) {
                return page.page(List.of(), 0);
            }
            query.append(" and site in :sites");
            parameters.put("sites", restriction);
        }
        if (site != null && !site.isEmpty()) {
            query.append(" and site = :site");
            parameters.put("site", site);
        }
        if (externalRef != null && !externalRef.isEmpty()) {
            query.append(" and externalRef = :externalRef");
            parameters.put("externalRef", externalRef);
        }
        var found = Patient.<Patient>find(query.toString(), Sort.by("site").and("externalRef").and("id"), parameters);
        long total = found.count();
        List<PatientResponse> items = new ArrayList<>();
        for (Patient patient : found.page(page.page(), page.size()).list()) {
            items.add(PatientResponse.of(patient, null));
        }
        return page.page(items, total);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Patient> findBySiteAndExternalRef(String site, String externalRef) {
        return Patient.find("site = ?1 and externalRef = ?2", site, externalRef).firstResultOptional();
    }
}
