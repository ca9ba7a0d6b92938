package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.common.ServiceConfig;

/**
 * Small-cell suppression (DOMAIN.md "Disclosure control"). A cell of 1 to min-cell-size - 1 people
 * is suppressed (primary); when exactly one group of a breakdown is suppressed, the next smallest
 * group that still has people is suppressed too (secondary), so that no suppressed group can be
 * recovered by subtracting the others from the total.
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

    /** Whether a cell of {@code count} people must be hidden. Zero is not a small cell: nobody is in it. */
    public boolean isSmall(long count) {
        return count >= 1 && count < minCellSize;
    }

    /** A group of a breakdown with the count suppression is judged on. */
    public record Cell(String key, long count) {
    }

    /** The keys of the groups to suppress, primary and secondary. */
    public Set<String> suppressedKeys(List<Cell> cells) {
        Set<String> suppressed = new HashSet<>();
        for (Cell cell : cells) {
            if (isSmall(cell.count())) {
                suppressed.add(cell.key());
            }
        }
        if (suppressed.size() == 1) {
            List<Cell> candidates = new ArrayList<>();
            for (Cell cell : cells) {
                if (!suppressed.contains(cell.key()) && cell.count() > 0) {
                    candidates.add(cell);
                }
            }
            candidates.stream().min(Comparator.comparingLong(Cell::count).thenComparing(Cell::key))
                    .ifPresent(cell -> suppressed.add(cell.key()));
        }
        return suppressed;
    }
}
