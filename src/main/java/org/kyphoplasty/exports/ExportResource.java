package org.kyphoplasty.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.common.ServiceConfig;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.common.Today;
import org.kyphoplasty.outcomes.OutcomeParams;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

import io.vertx.ext.web.RoutingContext;

/**
 * The export. At most {@code outcomes.export.max-concurrent} exports run at once (more answer 503
 * with Retry-After); each holds a database connection only while its queries run, then sends a
 * temporary file, so slow or stalled downloads never take connections from clinicians.
 */
@Path("/api/v1/exports")
@Tag(name = "Import and export")
@RolesAllowed({ Roles.ANALYST, Roles.ADMIN })
public class ExportResource {

    private static final Logger LOG = Logger.getLogger(ExportResource.class);

    private final ExportService exports;
    private final AuditService audit;
    private final CurrentCaller caller;
    private final Today today;
    private final Semaphore running;
    private final int maxConcurrent;

    @Context
    UriInfo uri;

    public ExportResource(ExportService exports, AuditService audit, CurrentCaller caller, Today today,
            ServiceConfig config) {
        this.exports = exports;
        this.audit = audit;
        this.caller = caller;
        this.today = today;
        this.maxConcurrent = config.exportConfig().maxConcurrent();
        this.running = new Semaphore(maxConcurrent);
    }

    @GET
    @Path("/outcomes.csv")
    @Produces("text/csv")
    @Operation(summary = "De-identified assessments, one row per assessment, with the outcome filters")
    public Response outcomes(@BeanParam OutcomeParams params, @Context RoutingContext context) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = params.parse(errors, caller.get(), today.date(), OutcomeParams.DatePrecision.YEAR,
                List.of(ProcedureType.KYPHOPLASTY));
        Params.throwIfAny(errors);
        boolean outOfWindow = query.analysis().includeOutOfWindow();
        if (!running.tryAcquire()) {
            throw new ProblemException(ExportService.BUSY, 503, "Busy", maxConcurrent
                    + " exports are running; try again in a few seconds", null, null);
        }
        Done done = new Done();
        try {
            ExportService.Spooled spooled = exports.spool(exports.prepare(query.cohort(), outOfWindow));
            done.file = spooled.file();
            audit.recordRead(caller.get().user(), uri.getPath(), uri.getQueryParameters(), spooled.patients());
        } catch (IOException e) {
            done.run();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
        // released when the response is finished or the connection is gone, whichever comes first
        context.addEndHandler(ignored -> done.run());
        StreamingOutput body = output -> {
            try {
                Files.copy(done.file, output);
            } catch (IOException e) {
                LOG.debugf("export not delivered: the client went away (%s)", e.getMessage());
            } finally {
                done.run();
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"outcomes.csv\"").build();
    }

    /** Frees the export's slot and deletes its file, once. */
    private final class Done implements Runnable {
        private final AtomicBoolean once = new AtomicBoolean();
        volatile java.nio.file.Path file;

        @Override
        public void run() {
            if (once.compareAndSet(false, true)) {
                running.release();
                try {
                    if (file != null) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    LOG.warnf("could not delete the export file %s", file);
                }
            }
        }
    }
}
