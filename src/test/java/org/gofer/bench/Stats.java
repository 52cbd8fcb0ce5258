package org.gofer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles and the way RESULTS.md prints numbers. */
final class Stats {
    private Stats() {}

    /** A table row: name, count, p50, p90 and minimum of {@code xs}. */
    static String row(String name, List<Double> xs) {
        List<Double> s = sorted(xs);
        return "| " + name + " | " + s.size() + " | " + fmt(pct(s, 50)) + " | " + fmt(pct(s, 90)) + " | "
                + fmt(s.get(0)) + " |";
    }

    static double median(List<Double> xs) {
        return pct(sorted(xs), 50);
    }

    /** The nearest-rank percentile {@code p} of an ascending list; NaN when it is empty. */
    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String ratio(double a, double b) {
        return fmt(a / b) + "×";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static List<Double> sorted(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s;
    }
}
