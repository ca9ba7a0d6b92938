package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.outcomes.OutcomeReports.Plan;
import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;

/**
 * A validated planner question (docs/API.md "planner"): either a target half-width of the interval ({@code halfWidth})
 * or a target power of the exact test against a claim ({@code power}).
 */
record PlannerRequest(double expected, Double halfWidth, IntervalMethod interval, double confidence, double claim,
        Double power, double alpha, double expectedLoss) {

    static final double DEFAULT_ALPHA = 0.05;
    /** Narrower targets need more than {@link Planner#MAX_N} patients anyway. */
    static final double MIN_HALF_WIDTH = 0.005;

    static PlannerRequest parse(String expected, String halfWidth, String interval, String confidence, String claim,
            String power, String alpha, String expectedLoss) {
        List<FieldError> errors = new ArrayList<>();
        Double share = Params.decimal(errors, "expected", expected, null);
        if (expected == null || expected.isEmpty()) {
            errors.add(new FieldError("expected", "is required: the share expected in the study, between 0 and 1"));
        } else if (share != null && !(share > 0 && share < 1)) {
            errors.add(new FieldError("expected", "must be strictly between 0 and 1"));
        }
        Double width = Params.decimal(errors, "halfWidth", halfWidth, null);
        Double target = Params.decimal(errors, "power", power, null);
        if (width == null && target == null && noValue(halfWidth) && noValue(power)) {
            errors.add(new FieldError("halfWidth", "give halfWidth (a precision target) or power (a power target)"));
        }
        if (!noValue(halfWidth) && !noValue(power)) {
            errors.add(new FieldError("power", "give either halfWidth or power, not both"));
        }
        if (width != null && !(width >= MIN_HALF_WIDTH && width <= 0.5)) {
            errors.add(new FieldError("halfWidth", "must be between " + MIN_HALF_WIDTH + " and 0.5"));
        }
        if (target != null && !(target > 0 && target < 1)) {
            errors.add(new FieldError("power", "must be strictly between 0 and 1"));
        }
        IntervalMethod method = Params.enumValue(errors, "interval", interval, IntervalMethod.class,
                Analysis.DEFAULT_INTERVAL);
        Double level = Params.decimal(errors, "confidence", confidence, Analysis.DEFAULT_CONFIDENCE);
        if (level != null && !(level >= 0.5 && level < 1)) {
            errors.add(new FieldError("confidence", "must be at least 0.5 and below 1"));
        }
        Double claimed = Params.decimal(errors, "claim", claim, OutcomesResource.DEFAULT_CLAIM);
        if (claimed != null && !(claimed > 0 && claimed < 1)) {
            errors.add(new FieldError("claim", "must be strictly between 0 and 1"));
        }
        Double significance = Params.decimal(errors, "alpha", alpha, DEFAULT_ALPHA);
        if (significance != null && !(significance > 0 && significance <= 0.5)) {
            errors.add(new FieldError("alpha", "must be greater than 0 and at most 0.5"));
        }
        Double loss = Params.decimal(errors, "expectedLoss", expectedLoss, 0.0);
        if (loss != null && !(loss >= 0 && loss < 1)) {
            errors.add(new FieldError("expectedLoss", "must be at least 0 and below 1"));
        }
        if (errors.isEmpty() && target != null && tooCloseForPower(share, claimed, target, significance)) {
            errors.add(new FieldError("expected", "is too close to the claim: the study would need more than "
                    + Planner.MAX_POWER_N + " patients"));
        }
        Params.throwIfAny(errors);
        return new PlannerRequest(share, width, method, level, claimed, target, significance, loss);
    }

    private static boolean noValue(String value) {
        return value == null || value.isEmpty();
    }

    /** The normal approximation, only to refuse at once what the exact search could not answer within its bound. */
    private static boolean tooCloseForPower(double expected, double claim, double power, double alpha) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z = normal.inverseCumulativeProbability(1 - alpha / 2) * Math.sqrt(claim * (1 - claim))
                + normal.inverseCumulativeProbability(power) * Math.sqrt(expected * (1 - expected));
        double n = Math.pow(z / (expected - claim), 2);
        return !(n < Planner.MAX_POWER_N * 0.8);
    }

    Plan plan() {
        if (halfWidth != null) {
            OptionalInt n = Planner.precision(expected, halfWidth, interval, confidence);
            if (n.isEmpty()) {
                throw ProblemException.invalid("halfWidth", "needs more than " + Planner.MAX_N + " patients");
            }
            Interval achieved = Statistics.proportionInterval(Planner.plannedSuccesses(expected, n.getAsInt()),
                    n.getAsInt(), confidence, interval);
            return new Plan("PRECISION", n.getAsInt(), Planner.recruit(n.getAsInt(), expectedLoss), expectedLoss,
                    expected, halfWidth, interval, confidence, (achieved.upper() - achieved.lower()) / 2, null, null,
                    null, null);
        }
        Optional<Planner.PowerResult> result = Planner.power(expected, claim, power, alpha);
        if (result.isEmpty()) {
            throw ProblemException.invalid("expected", "is too close to the claim: the study would need more than "
                    + Planner.MAX_POWER_N + " patients");
        }
        int n = result.get().n();
        return new Plan("POWER", n, Planner.recruit(n, expectedLoss), expectedLoss, expected, null, null, null, null,
                claim, power, alpha, result.get().achievedPower());
    }
}
