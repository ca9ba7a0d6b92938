package org.kyphoplasty.audit;

public enum EntityType {
    PATIENT, PROCEDURE, ASSESSMENT
}
