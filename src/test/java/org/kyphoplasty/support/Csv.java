package org.kyphoplasty.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds import files in the format of API.md "Import and export". */
public final class Csv {

    public static final String HEADER = "site,externalRef,birthYear,sex,procedureType,performedOn,indication,levels,"
            + "timepoint,assessedOn,painNrs,mobilityFac,odi,rmdq,eq5dIndex";

    private final List<String> rows = new ArrayList<>();

    public Csv row(String site, String ref, int birthYear, String sex, String type, LocalDate performedOn,
            String indication, String levels, String timepoint, LocalDate assessedOn, String pain, String fac,
            String odi, String rmdq, String eq5d) {
        rows.add(String.join(",", site, ref, String.valueOf(birthYear), sex, type, performedOn.toString(), indication,
                levels, timepoint, assessedOn.toString(), pain, fac, odi, rmdq, eq5d));
        return this;
    }

    /** A standard patient journey: PRE_FRACTURE, BASELINE and MONTH_3 of one kyphoplasty. */
    public Csv journey(String site, String ref, LocalDate performedOn, int pain3, int fac3) {
        row(site, ref, 1950, "FEMALE", "KYPHOPLASTY", performedOn, "OSTEOPOROSIS", "T12;L1", "PRE_FRACTURE",
                performedOn.minusDays(5), "", "5", "", "", "");
        row(site, ref, 1950, "FEMALE", "KYPHOPLASTY", performedOn, "OSTEOPOROSIS", "T12;L1", "BASELINE",
                performedOn.minusDays(1), "8", "2", "60", "18", "0.300");
        row(site, ref, 1950, "FEMALE", "KYPHOPLASTY", performedOn, "OSTEOPOROSIS", "T12;L1", "MONTH_3",
                performedOn.plusDays(90), String.valueOf(pain3), String.valueOf(fac3), "25", "", "0.750");
        return this;
    }

    public Csv raw(String line) {
        rows.add(line);
        return this;
    }

    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }
}
