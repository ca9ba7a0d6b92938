package org.kyphoplasty.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the current request, built once from its verified token. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller get() {
        if (caller == null) {
            String user = identity.isAnonymous() ? "anonymous" : userOf(token, identity);
            caller = new Caller(user, identity.hasRole(Roles.ADMIN), sitesOf(token));
        }
        return caller;
    }

    private static String userOf(JsonWebToken token, SecurityIdentity identity) {
        String upn = token.getClaim("upn");
        if (upn != null && !upn.isBlank()) {
            return upn;
        }
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    private static Set<String> sitesOf(JsonWebToken token) {
        Object claim = token.getClaim("sites");
        Set<String> sites = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                sites.add(unquote(String.valueOf(value)));
            }
        } else if (claim instanceof jakarta.json.JsonArray array) {
            array.forEach(value -> sites.add(unquote(value.toString())));
        } else if (claim instanceof String single) {
            sites.add(single);
        }
        return Set.copyOf(sites);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
