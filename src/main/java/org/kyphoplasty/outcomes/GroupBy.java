package org.kyphoplasty.outcomes;

import org.kyphoplasty.clinical.AgeBand;

/** The breakdowns an analyst may ask for, with the SQL expression each groups on. */
public enum GroupBy {
    SITE("site", "p.site"),
    INDICATION("indication", "p.indication"),
    PROCEDURE_TYPE("procedureType", "p.type"),
    SEX("sex", "pt.sex"),
    AGE_BAND("ageBand", AgeBand.sqlLabel("p.age_at_procedure"));

    private final String parameter;
    private final String sql;

    GroupBy(String parameter, String sql) {
        this.parameter = parameter;
        this.sql = sql;
    }

    public String parameter() {
        return parameter;
    }

    public String sql() {
        return sql;
    }

    /** The parameter values, for messages. */
    public static String parameters() {
        return java.util.Arrays.stream(values()).map(GroupBy::parameter)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public static GroupBy fromParameter(String value) {
        for (GroupBy groupBy : values()) {
            if (groupBy.parameter.equals(value)) {
                return groupBy;
            }
        }
        return null;
    }
}
