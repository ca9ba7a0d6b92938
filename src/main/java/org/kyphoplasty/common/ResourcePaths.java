package org.kyphoplasty.common;

import java.net.URI;

import jakarta.ws.rs.core.UriInfo;

/** Where a stored resource lives, built from the request's base URI: the only place that knows the URLs. */
public final class ResourcePaths {

    private ResourcePaths() {
    }

    public static URI of(UriInfo uri, DomainException.Existing resource) {
        return uri.getBaseUriBuilder().path(resource.collection().path()).path(resource.id().toString()).build();
    }

    public static URI of(UriInfo uri, DomainException.Collection collection, java.util.UUID id) {
        return of(uri, new DomainException.Existing(collection, id));
    }
}
