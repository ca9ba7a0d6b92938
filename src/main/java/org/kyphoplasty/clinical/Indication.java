package org.kyphoplasty.clinical;

public enum Indication {
    OSTEOPOROSIS, MALIGNANCY, STEROID_INDUCED, METABOLIC, TRAUMA, OTHER
}
