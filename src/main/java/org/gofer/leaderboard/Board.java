package org.gofer.leaderboard;

import java.util.List;
import java.util.Optional;

/**
 * One page of an assignment's leaderboard and the viewer's own place.
 *
 * @param rows the page's standings, best first
 * @param viewer the viewer's standing, on this page or not; empty when they have no counted grade
 * @param ranked how many students the whole board ranks
 * @param page from 1
 */
public record Board(List<Standing> rows, Optional<Standing> viewer, long ranked, int page) {

    /** The number of pages of {@link Leaderboard#PAGE_SIZE} rows, at least 1. */
    public int pages() {
        return (int) Math.max(1, (ranked + Leaderboard.PAGE_SIZE - 1) / Leaderboard.PAGE_SIZE);
    }

    /** True when the viewer's row is among {@link #rows()}. */
    public boolean viewerOnPage() {
        return viewer.map(rows::contains).orElse(false);
    }

    public static Board empty(int page) {
        return new Board(List.of(), Optional.empty(), 0, page);
    }
}
