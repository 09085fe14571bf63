package io.jawait.benchmarks.suite;

import java.util.Locale;

/** Number formatting shared by the report's tables: a few significant digits, units spelled out. */
final class Format {
    private Format() {
    }

    /** 3 significant digits, no exponent: 0.473, 12.3, 1852, 47 364. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a < 0.001) {
            return "≈ 0";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A ratio like 3.2×. */
    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : num(v) + "×";
    }

    /** Bytes as B, KiB or MiB. */
    static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "n/a";
        }
        if (b >= 10 * 1024 * 1024) {
            return num(b / (1024 * 1024)) + " MiB";
        }
        if (b >= 10 * 1024) {
            return num(b / 1024) + " KiB";
        }
        return num(b) + " B";
    }

    /** ± half-width of the 99.9% confidence interval, if JMH gave one. */
    static String error(double score, double error) {
        return Double.isNaN(error) ? num(score) : num(score) + " ± " + num(error);
    }
}
