package org.gofer.metrics;

/**
 * Writes the Prometheus text exposition format 0.0.4: {@code # HELP}, {@code # TYPE}, then
 * samples with optional labels. Label values and help texts are escaped as the format requires.
 * Not thread-safe: one instance per scrape.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    void header(String name, String type, String help) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, double value) {
        out.append(name).append(' ').append(number(value)).append('\n');
    }

    void sample(String name, String label, String labelValue, double value) {
        out.append(name)
                .append('{')
                .append(label)
                .append("=\"")
                .append(escape(labelValue))
                .append("\"} ")
                .append(number(value))
                .append('\n');
    }

    /** One gauge or counter without labels, header included. */
    void single(String name, String type, String help, double value) {
        header(name, type, help);
        sample(name, value);
    }

    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
