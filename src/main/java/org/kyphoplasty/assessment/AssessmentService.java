package org.kyphoplasty.assessment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.kyphoplasty.audit.AuditAction;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.audit.EntityType;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.DomainException;
import org.kyphoplasty.common.RetryOnConflict;
import org.kyphoplasty.procedure.Procedure;
import org.kyphoplasty.procedure.ProcedureService;
import org.kyphoplasty.security.Caller;

@ApplicationScoped
@Transactional
@RetryOnConflict
public class AssessmentService {

    /** The result of a PUT: whether it created the assessment, and the stored state. */
    public record Saved(boolean created, AssessmentResponse assessment) {
    }

    private final ProcedureService procedures;
    private final AssessmentValidation validation;
    private final AuditService audit;

    public AssessmentService(ProcedureService procedures, AssessmentValidation validation, AuditService audit) {
        this.procedures = procedures;
        this.validation = validation;
        this.audit = audit;
    }

    /**
     * Creates or replaces the assessment. {@code ifMatch} is the raw If-Match header, or null for
     * "last write wins". Concurrent writes to one procedure are serialised by a row lock on it, so
     * of two writes with the same If-Match exactly one succeeds.
     */
    public Saved put(Caller caller, UUID procedureId, TimePoint timepoint, AssessmentRequest request, String ifMatch) {
        Procedure procedure = procedures.visible(caller, procedureId, true);
        List<FieldError> errors = validation.violations(request, timepoint, procedure.performedOn);
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        Optional<Assessment> existing = find(procedureId, timepoint);
        checkPrecondition(ifMatch, existing);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Assessment assessment = existing.orElseGet(() -> {
            Assessment fresh = new Assessment();
            fresh.id = UUID.randomUUID();
            fresh.procedureId = procedureId;
            fresh.timepoint = timepoint;
            fresh.createdAt = now;
            fresh.version = 0;
            return fresh;
        });
        AssessmentResponse before = existing.map(AssessmentResponse::of).orElse(null);
        apply(assessment, request, timepoint, procedure);
        assessment.version += 1;
        assessment.updatedAt = now;
        if (existing.isEmpty()) {
            assessment.persist();
        }
        AssessmentResponse after = AssessmentResponse.of(assessment);
        audit.record(caller.user(), existing.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE,
                EntityType.ASSESSMENT, assessment.id, before, after);
        return new Saved(existing.isEmpty(), after);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AssessmentResponse get(Caller caller, UUID procedureId, TimePoint timepoint) {
        procedures.visible(caller, procedureId, false);
        return find(procedureId, timepoint).map(AssessmentResponse::of)
                .orElseThrow(() -> new DomainException.NotFound("the " + timepoint + " assessment"));
    }

    public void delete(Caller caller, UUID procedureId, TimePoint timepoint, String ifMatch) {
        procedures.visible(caller, procedureId, true);
        Assessment assessment = find(procedureId, timepoint)
                .orElseThrow(() -> new DomainException.NotFound("the " + timepoint + " assessment"));
        checkPrecondition(ifMatch, Optional.of(assessment));
        AssessmentResponse before = AssessmentResponse.of(assessment);
        assessment.delete();
        audit.record(caller.user(), AuditAction.DELETE, EntityType.ASSESSMENT, assessment.id, before, null);
    }


    /** Applies the scores and derived date fields; the request has passed {@link AssessmentValidation}. */
    public static void apply(Assessment assessment, AssessmentRequest request, TimePoint timepoint,
            Procedure procedure) {
        assessment.assessedOn = request.assessedOn();
        assessment.dayOffset = TimePoint.dayOffset(procedure.performedOn, request.assessedOn());
        assessment.withinWindow = timepoint.isWithinWindow(assessment.dayOffset);
        assessment.painNrs = request.painNrs();
        assessment.mobilityFac = request.mobilityFac();
        assessment.odi = request.odi();
        assessment.rmdq = request.rmdq();
        assessment.eq5dIndex = request.eq5dIndex();
    }

    private static void checkPrecondition(String ifMatch, Optional<Assessment> existing) {
        if (ifMatch == null) {
            return;
        }
        if (existing.isEmpty()) {
            throw new DomainException.StaleVersion("If-Match was given but there is no assessment to match");
        }
        if (ifMatch.trim().equals("*")) {
            return;
        }
        String expected = "\"" + existing.get().version + "\"";
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(expected) || candidate.equals(String.valueOf(existing.get().version))) {
                return;
            }
        }
        throw new DomainException.StaleVersion("If-Match " + ifMatch + " does not match the stored version "
                + expected + "; read the assessment again");
    }

    private static Optional<Assessment> find(UUID procedureId, TimePoint timepoint) {
        return Assessment.find("procedureId = ?1 and timepoint = ?2", procedureId, timepoint).firstResultOptional();
    }
}
