package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.common.ServiceConfig;

/**
 * Small-cell suppression for analysts (DOMAIN.md "Disclosure control"); admins see exact counts.
 * <p>
 * Each report describes a group by its <em>atoms</em>: the counts that partition its patients (for mobility recovery:
 * incomplete baseline, no loss, regained, not regained, pending, lost, crossed over). Every count a report publishes,
 * and every difference of published counts, is a sum of atoms; so when each atom is 0 or at least min-cell-size, no
 * published or derivable count falls from 1 to min-cell-size - 1. A group with a small atom is suppressed whole. Across
 * the groups of a breakdown, the suppressed groups' atoms can be recovered together (total minus the shown groups), so
 * further groups are suppressed, smallest first, until every atom summed over the suppressed groups is 0 or large.
 */
@ApplicationScoped
public class Disclosure {

    private final int minCellSize;

    public Disclosure(ServiceConfig config) {
        this.minCellSize = config.minCellSize();
    }

    public int minCellSize() {
        return minCellSize;
    }

    /** The rule for one request: exact (nothing suppressed) for admins, the cell rule for analysts. */
    public Rule rule(boolean exact) {
        return new Rule(exact ? 0 : minCellSize);
    }

    /** A group of a breakdown: its key, its atoms, and the size that orders secondary suppression. */
    public record Cell(String key, long size, long[] atoms) {
    }

    public static final class Rule {

        private final int minCellSize;

        Rule(int minCellSize) {
            this.minCellSize = minCellSize;
        }

        /** Whether a count of {@code count} patients must be hidden. Zero is not a small cell: nobody is in it. */
        public boolean isSmall(long count) {
            return count >= 1 && count < minCellSize;
        }

        public boolean anySmall(long... atoms) {
            for (long atom : atoms) {
                if (isSmall(atom)) {
                    return true;
                }
            }
            return false;
        }

        /** A count as published: null when small. */
        public Long count(long count) {
            return isSmall(count) ? null : count;
        }

        /** The keys of the groups to suppress, primary and secondary. */
        public Set<String> suppressedKeys(List<Cell> cells) {
            Set<String> suppressed = new HashSet<>();
            for (Cell cell : cells) {
                if (anySmall(cell.atoms())) {
                    suppressed.add(cell.key());
                }
            }
            List<Cell> candidates = new ArrayList<>(cells.stream().filter(cell -> !suppressed.contains(cell.key()))
                    .sorted(Comparator.comparingLong(Cell::size).thenComparing(Cell::key,
                            Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList());
            while (!suppressed.isEmpty() && !candidates.isEmpty() && anySmall(sumOf(cells, suppressed))) {
                suppressed.add(candidates.remove(0).key());
            }
            return suppressed;
        }

        private static long[] sumOf(List<Cell> cells, Set<String> keys) {
            long[] sum = null;
            for (Cell cell : cells) {
                if (keys.contains(cell.key())) {
                    if (sum == null) {
                        sum = new long[cell.atoms().length];
                    }
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += cell.atoms()[i];
                    }
                }
            }
            return sum == null ? new long[0] : sum;
        }
    }
}
