package org.kyphoplasty.security;

import java.util.Set;

/**
 * Who is calling: the user recorded in the audit trail, and which sites' patient-level data they
 * may see. An admin sees every site; a clinician only the sites of the token's {@code sites} claim.
 */
public record Caller(String user, boolean admin, Set<String> sites) {

    public boolean maySee(String site) {
        return admin || sites.contains(site);
    }

    /** The sites a query is restricted to, or null for no restriction (admin). */
    public Set<String> siteRestriction() {
        return admin ? null : sites;
    }
}
