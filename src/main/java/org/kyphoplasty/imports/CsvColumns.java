package org.kyphoplasty.imports;

import java.util.List;

/** The columns of the import file, in order (API.md "Import and export"). */
final class CsvColumns {

    static final List<String> HEADER = List.of("site", "externalRef", "birthYear", "sex", "procedureType",
            "performedOn", "indication", "levels", "timepoint", "assessedOn", "painNrs", "mobilityFac", "odi", "rmdq",
            "eq5dIndex");

    static final int SITE = 0;
    static final int EXTERNAL_REF = 1;
    static final int BIRTH_YEAR = 2;
    static final int SEX = 3;
    static final int PROCEDURE_TYPE = 4;
    static final int PERFORMED_ON = 5;
    static final int INDICATION = 6;
    static final int LEVELS = 7;
    static final int TIMEPOINT = 8;
    static final int ASSESSED_ON = 9;
    static final int PAIN_NRS = 10;
    static final int MOBILITY_FAC = 11;
    static final int ODI = 12;
    static final int RMDQ = 13;
    static final int EQ5D_INDEX = 14;

    private CsvColumns() {
    }
}
