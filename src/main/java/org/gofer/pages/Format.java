package org.gofer.pages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How numbers, times and durations read on the pages (UTC, like the CSV). Stateless. */
final class Format {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {}

    /** A value as one URL path segment (user names may hold characters a path cannot). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    static String number(double v) {
        String s = BigDecimal.valueOf(v)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    static String score(double score, double max) {
        return number(score) + " / " + number(max);
    }

    static String percent(double fraction) {
        return Math.round(100 * fraction) + "%";
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String time(Optional<Instant> t) {
        return t.map(Format::time).orElse("—");
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** A CSS class by fraction of points, for colouring score cells. */
    static String band(double fraction) {
        return fraction >= 0.9 ? "s-high" : fraction >= 0.6 ? "s-mid" : "s-low";
    }
}
