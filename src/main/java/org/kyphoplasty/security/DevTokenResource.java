package org.kyphoplasty.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kyphoplasty.common.ProblemException;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * DEV MODE ONLY: mints a token signed with the public dev key pair under {@code dev/jwt}. The bean
 * exists only in the dev build profile, so neither the test nor the production build contains it.
 * <pre>curl -s 'localhost:8080/dev/token?role=clinician&amp;sites=ORL,LYN'</pre>
 */
@Path("/dev/token")
@IfBuildProfile("dev")
public class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Roles.CLINICIAN, Roles.ANALYST, Roles.ADMIN);

    /** The audience the service requires (mp.jwt.verify.audiences); tokens live at most the maximum token age. */
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audience;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Dev mode only: a signed token for a role and sites")
    public String token(@QueryParam("role") String role, @QueryParam("sites") String sites,
            @QueryParam("user") String user) {
        if (role == null || !ROLES.contains(role)) {
            throw ProblemException.invalid("role", "must be one of clinician, analyst, admin");
        }
        List<String> siteList = sites == null || sites.isBlank() ? List.of()
                : Arrays.stream(sites.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return Jwt.upn(user == null || user.isBlank() ? "dev-" + role : user)
                .groups(Set.of(role))
                .claim("sites", siteList)
                .audience(audience)
                .expiresIn(Duration.ofHours(1))
                .sign();
    }
}
