package org.kyphoplasty.security;

/** The roles of the {@code groups} claim. */
public final class Roles {

    public static final String CLINICIAN = "clinician";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
