package org.kyphoplasty.common;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the problem responses of every API operation in the OpenAPI document, from the rules
 * that produce them (ProblemMappers), instead of repeating annotations on each method. It runs at
 * build time, so the service does no OpenAPI work when it starts.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(path, entry.getKey(), entry.getValue());
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        add(operation, 400, "Invalid input: every offending field is named in errors");
        add(operation, 401, "No token, or an expired, wrongly signed or wrong-issuer token");
        add(operation, 403, "The caller's role may not use this endpoint");
        if (path.contains("{")) {
            add(operation, 404, "Unknown id, or an id of a site the caller may not see");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            add(operation, 413, "Body too large");
            add(operation, 415, "Wrong content type");
        }
        if (method == PathItem.HttpMethod.POST && !path.contains("imports")) {
            add(operation, 409, "Duplicate: the problem's existing field is the path of the resource it collides with");
        }
        if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.DELETE) {
            add(operation, 409, "Concurrent change: the write collided with a concurrent one and was not applied; retry");
        }
        if (path.contains("assessments") && method != PathItem.HttpMethod.GET) {
            add(operation, 412, "If-Match does not match the stored version");
        }
        add(operation, 503, method == PathItem.HttpMethod.GET
                ? "The database is unavailable; retry after Retry-After seconds"
                : "The database is unavailable or the connection to it was lost: the outcome of the write is "
                        + "unknown; read the resource back, then retry (with If-Match for a PUT or DELETE)");
    }

    private static void add(Operation operation, int status, String description) {
        String code = String.valueOf(status);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().hasAPIResponse(code)) {
            return;
        }
        operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("line", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("field", string)
                .addProperty("message", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(error))
                .addProperty("existing", string);
    }
}
