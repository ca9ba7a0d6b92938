package org.kyphoplasty.clinical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Age at procedure = year of procedure - birth year, in the bands of DOMAIN.md. */
public enum AgeBand {
    UNDER_60("<60", 0, 59),
    FROM_60_TO_69("60-69", 60, 69),
    FROM_70_TO_79("70-79", 70, 79),
    FROM_80_TO_89("80-89", 80, 89),
    FROM_90("90+", 90, Integer.MAX_VALUE);

    private final String label;
    private final int lowest;
    private final int highest;

    AgeBand(String label, int lowest, int highest) {
        this.label = label;
        this.lowest = lowest;
        this.highest = highest;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    public static AgeBand of(int age) {
        for (AgeBand band : values()) {
            if (age >= band.lowest && age <= band.highest) {
                return band;
            }
        }
        throw new IllegalArgumentException("negative age " + age);
    }

    @JsonCreator
    public static AgeBand fromLabel(String label) {
        for (AgeBand band : values()) {
            if (band.label.equals(label)) {
                return band;
            }
        }
        throw new IllegalArgumentException("unknown age band " + label);
    }

    /** The labels, for messages: "<60, 60-69, 70-79, 80-89, 90+". */
    public static String labels() {
        return java.util.Arrays.stream(values()).map(AgeBand::label)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The SQL expression giving a band label from an integer age column, built from the bands above. */
    public static String sqlLabel(String ageColumn) {
        StringBuilder sql = new StringBuilder("case");
        for (AgeBand band : values()) {
            if (band.highest != Integer.MAX_VALUE) {
                sql.append(" when ").append(ageColumn).append(" <= ").append(band.highest).append(" then '")
                        .append(band.label).append('\'');
            } else {
                sql.append(" else '").append(band.label).append('\'');
            }
        }
        return sql.append(" end").toString();
    }
}
