package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.common.ServiceConfig;
import org.kyphoplasty.outcomes.OutcomesRepository.Atom;

/**
 * Disclosure control for analysts (docs/DOMAIN.md "Disclosure control"); admins see exact counts.
 * <p>
 * <b>Cell rule.</b> Each report describes a group by its atoms: the categories that partition its patients (for
 * mobility recovery: incomplete baseline, no loss, regained, not regained, pending, lost, crossed over). Every count a
 * report publishes, and every difference of its counts, is a sum of atoms; so when each atom is 0 or at least
 * min-cell-size, no published or derivable count falls from 1 to min-cell-size - 1. A group with a small atom is
 * suppressed whole. Across the groups of a breakdown, the suppressed groups' atoms could be recovered together (total
 * minus the shown groups), so further groups are suppressed, smallest first, until every atom summed over the
 * suppressed groups is 0 or large.
 * <p>
 * <b>Differencing.</b> Two queries whose populations differ by a few patients would give those patients' figures by
 * subtraction. Every published atom is therefore increased by 1 or 2, chosen by the sum of its patients' random cell
 * keys (the cell key method of the Australian Bureau of Statistics): the same set of patients always gets the same
 * perturbation, so repeating a query cannot average it away, and two sets that differ by even one patient get
 * unrelated perturbations, so a difference of two answers is only known to within one patient. Totals are sums of the
 * perturbed atoms, so a response stays additive and, the perturbation being positive, no analyst count of a non-empty
 * set is ever exact. Shares, intervals and tests are computed from the published counts; the upward bias is at most 2
 * per category (under 1 percentage point of a share over 200 patients).
 */
@ApplicationScoped
public class Disclosure {

    /** Strictly positive: a sum of perturbed atoms (every total) is then never exact either. */
    private static final int[] NOISE = { 1, 2 };

    private final int minCellSize;

    public Disclosure(ServiceConfig config) {
        this.minCellSize = config.minCellSize();
    }

    public int minCellSize() {
        return minCellSize;
    }

    /** The rule for one request: exact (nothing suppressed or perturbed) for admins, the cell rule for analysts. */
    public Rule rule(boolean exact) {
        return new Rule(exact ? 0 : minCellSize, !exact);
    }

    /** A group of a breakdown: its key, its exact atoms, and the size that orders secondary suppression. */
    public record Cell(String key, long size, Atom[] atoms) {
    }

    public static final class Rule {

        private final int minCellSize;
        private final boolean perturbed;

        Rule(int minCellSize, boolean perturbed) {
            this.minCellSize = minCellSize;
            this.perturbed = perturbed;
        }

        /** Whether a count of {@code count} patients must be hidden. Zero is not a small cell: nobody is in it. */
        public boolean isSmall(long count) {
            return count >= 1 && count < minCellSize;
        }

        public boolean anySmall(long... counts) {
            for (long count : counts) {
                if (isSmall(count)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a group with these atoms must be hidden: an atom is small before or after perturbation. */
        public boolean hides(Atom[] atoms) {
            for (Atom atom : atoms) {
                if (isSmall(atom.count()) || isSmall(published(atom))) {
                    return true;
                }
            }
            return false;
        }

        /** The count of a set of patients as published: exact for admins, perturbed by its cell key for analysts. */
        public long published(Atom atom) {
            if (!perturbed || atom.count() == 0) {
                return atom.count();
            }
            return Math.max(0, atom.count() + NOISE[(int) Math.floorMod(atom.key(), (long) NOISE.length)]);
        }

        /** The atoms with their published counts (keys kept). */
        public Atom[] publish(Atom[] atoms) {
            Atom[] result = new Atom[atoms.length];
            for (int i = 0; i < atoms.length; i++) {
                result[i] = new Atom(published(atoms[i]), atoms[i].key());
            }
            return result;
        }

        /** The keys of the groups to suppress: those hidden on their own, then secondary ones (on exact atoms). */
        public Set<String> suppressedKeys(List<Cell> cells) {
            Set<String> suppressed = new HashSet<>();
            for (Cell cell : cells) {
                if (hides(cell.atoms())) {
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
                        sum[i] += cell.atoms()[i].count();
                    }
                }
            }
            return sum == null ? new long[0] : sum;
        }
    }
}
