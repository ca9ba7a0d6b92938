package org.kyphoplasty.support;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;

/**
 * The management interface (health, metrics, OpenAPI) of the test boot listens on a random port
 * ({@code %test.quarkus.management.test-port=0}), so two checkouts can run their suites side by
 * side; {@link #url} addresses it once the service has started.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    public static int port() {
        try (InstanceHandle<ValueRegistry> registry = Arc.container().instance(ValueRegistry.class)) {
            if (registry.isAvailable()) {
                for (var key : java.util.List.of(HttpServer.MANAGEMENT_TEST_PORT, HttpServer.MANAGEMENT_PORT)) {
                    Integer port = registry.get().getOrDefault(key, null);
                    if (port != null && port > 0) {
                        return port;
                    }
                }
                HttpServer server = registry.get().getOrDefault(HttpServer.HTTP_SERVER, null);
                if (server != null && server.getManagementPort() > 0) {
                    return server.getManagementPort();
                }
            }
        }
        throw new IllegalStateException("the management interface's port is unknown");
    }

    /** The URL of a path on the management interface, e.g. {@code /q/health/ready}. */
    public static String url(String path) {
        return "http://localhost:" + port() + path;
    }
}
