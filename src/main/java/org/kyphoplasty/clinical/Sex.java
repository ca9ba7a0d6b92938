package org.kyphoplasty.clinical;

public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
