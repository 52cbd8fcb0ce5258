package org.gofer.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * The score distribution of an assignment as an inline SVG bar chart: ten bins of 10 points of
 * percent, the count on each bar (histogram.jte). Server-rendered, no script, presentation attributes only (the
 * pages' CSP forbids inline styles). Stateless.
 */
final class Histogram {
    static final int BINS = 10;
    private static final int WIDTH = 560;
    private static final int HEIGHT = 240;
    private static final int LEFT = 40;
    private static final int BOTTOM = 30;
    private static final int TOP = 20;

    private Histogram() {}

    /** Counts per bin; a fraction of exactly 1 falls in the last bin. */
    static int[] bins(List<Double> fractions) {
        int[] counts = new int[BINS];
        for (double f : fractions) {
            int bin = (int) Math.floor(Math.max(0, Math.min(1, f)) * BINS);
            counts[Math.min(BINS - 1, bin)]++;
        }
        return counts;
    }

    /** One bar: its rectangle, the count above it and the bin's lower bound below it. */
    record Bar(String x, int y, String width, int height, String middle, int from, int to, int count) {}

    /** The chart as histogram.jte draws it. */
    record Chart(String title, List<Bar> bars, int total) {
        int width() {
            return WIDTH;
        }

        int height() {
            return HEIGHT;
        }

        int left() {
            return LEFT;
        }

        int axisY() {
            return HEIGHT - BOTTOM;
        }
    }

    static Chart chart(String title, int[] counts) {
        int max = 1;
        int total = 0;
        for (int c : counts) {
            max = Math.max(max, c);
            total += c;
        }
        double barWidth = (WIDTH - LEFT - 10) / (double) BINS;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            int h = (int) Math.round(plotHeight * counts[i] / (double) max);
            double x = LEFT + i * barWidth;
            bars.add(new Bar(
                    fmt(x + 2),
                    HEIGHT - BOTTOM - h,
                    fmt(barWidth - 4),
                    h,
                    fmt(x + barWidth / 2),
                    i * 10,
                    i == BINS - 1 ? 100 : i * 10 + 9,
                    counts[i]));
        }
        return new Chart(title, bars, total);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
