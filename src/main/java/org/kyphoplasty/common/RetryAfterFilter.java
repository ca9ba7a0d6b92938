package org.kyphoplasty.common;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every 503 tells the client when to try again (a busy site, a full export queue, the database away). */
public class RetryAfterFilter {

    static final String SECONDS = "5";

    @ServerResponseFilter
    public void retryAfter(ContainerResponseContext response) {
        if (response.getStatus() == 503 && !response.getHeaders().containsKey("Retry-After")) {
            response.getHeaders().putSingle("Retry-After", SECONDS);
        }
    }
}
