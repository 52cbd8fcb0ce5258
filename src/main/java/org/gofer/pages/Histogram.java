package org.gofer.pages;

import java.util.List;

/**
 * The score distribution of an assignment as an inline SVG bar chart: ten bins of 10 points of
 * percent, the count on each bar. Server-rendered, no script, presentation attributes only (the
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

    static Html svg(String title, int[] counts) {
        int max = 1;
        int total = 0;
        for (int c : counts) {
            max = Math.max(max, c);
            total += c;
        }
        double barWidth = (WIDTH - LEFT - 10) / (double) BINS;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < BINS; i++) {
            int h = (int) Math.round(plotHeight * counts[i] / (double) max);
            double x = LEFT + i * barWidth;
            int y = HEIGHT - BOTTOM - h;
            bars.append(Html.of("""
                    <g class="bin"><rect x="%s" y="%s" width="%s" height="%s" fill="#3b6ea8"><title>%s–%s%%: %s</title></rect>\
                    <text x="%s" y="%s" text-anchor="middle" font-size="11">%s</text>\
                    <text x="%s" y="%s" text-anchor="middle" font-size="11" fill="#555">%s</text></g>
                    """.replace("%%", "&#37;"),
                    fmt(x + 2), y, fmt(barWidth - 4), h, i * 10, i == BINS - 1 ? 100 : i * 10 + 9, counts[i],
                    fmt(x + barWidth / 2), y - 4, counts[i],
                    fmt(x + barWidth / 2), HEIGHT - BOTTOM + 14, i * 10).text());
        }
        return Html.of("""
                <figure class="histogram">
                <svg xmlns="http://www.w3.org/2000/svg" role="img" width="%s" height="%s" viewBox="0 0 %s %s">
                <title>%s</title>
                <line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>
                %s
                <text x="%s" y="%s" text-anchor="middle" font-size="11" fill="#555">percent of points</text>
                </svg>
                <figcaption>%s students with a recorded grade</figcaption>
                </figure>
                """, WIDTH, HEIGHT, WIDTH, HEIGHT, title, LEFT, HEIGHT - BOTTOM, WIDTH - 10, HEIGHT - BOTTOM,
                new Html(bars.toString()), (WIDTH + LEFT) / 2, HEIGHT - 4, total);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
