package io.jawait.benchmarks.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A horizontal bar chart of ratios on a logarithmic axis ("how many times better jawait is than the
 * peer"; 1 = as good, left of 1 = the peer is better), written both as SVG (text, diffable) and as
 * PNG (drawn with Java2D, headless).
 */
final class Chart {
    /** One bar: {@code value} = peer's cost / jawait's cost, or jawait's throughput / peer's. */
    record Bar(String group, String label, double value) {
    }

    private static final int WIDTH = 900;
    private static final int LABEL_WIDTH = 330;
    private static final int BAR_HEIGHT = 18;
    private static final int GAP = 6;
    private static final int GROUP_GAP = 26;
    private static final int TOP = 58;
    private static final int RIGHT = 40;
    private static final Color BETTER = new Color(0x2E7D32);
    private static final Color WORSE = new Color(0xC62828);

    private final String title;
    private final List<Bar> bars = new ArrayList<>();

    Chart(String title) {
        this.title = title;
    }

    Chart bar(String group, String label, double value) {
        if (value > 0 && Double.isFinite(value)) {
            bars.add(new Bar(group, label, value));
        }
        return this;
    }

    boolean isEmpty() {
        return bars.isEmpty();
    }

    /** Decades shown: from 10^lo to 10^hi, always including 1. */
    private int[] decades() {
        double min = 1;
        double max = 1;
        for (Bar b : bars) {
            min = Math.min(min, b.value);
            max = Math.max(max, b.value);
        }
        int lo = (int) Math.floor(Math.log10(min) - 1e-9);
        int hi = (int) Math.ceil(Math.log10(max) + 1e-9);
        return new int[] {Math.min(lo, -1), Math.max(hi, 1)};
    }

    private double x(double value, int[] d) {
        double span = WIDTH - LABEL_WIDTH - RIGHT;
        return LABEL_WIDTH + (Math.log10(value) - d[0]) / (d[1] - d[0]) * span;
    }

    /** Rows laid out top to bottom: y of each bar, with extra space before each new group. */
    private List<double[]> layout() {
        List<double[]> ys = new ArrayList<>();
        double y = TOP;
        String group = null;
        for (Bar b : bars) {
            if (!b.group.equals(group)) {
                y += GROUP_GAP;
                group = b.group;
            }
            ys.add(new double[] {y});
            y += BAR_HEIGHT + GAP;
        }
        return ys;
    }

    private int height() {
        List<double[]> ys = layout();
        return (int) (ys.isEmpty() ? TOP : ys.get(ys.size() - 1)[0]) + BAR_HEIGHT + 50;
    }

    void writeSvg(Path file) {
        int[] d = decades();
        List<double[]> ys = layout();
        int h = height();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">%n", WIDTH, h));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, h));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"42\" fill=\"#555\">%s</text>%n",
                esc("bar = how many times better jawait is than the peer (log scale); right of 1 = jawait ahead")));
        for (int k = d[0]; k <= d[1]; k++) {
            double gx = x(Math.pow(10, k), d);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
                    gx, TOP, gx, h - 36, k == 0 ? "#000" : "#ccc", k == 0 ? "1.5" : "1"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s×</text>%n",
                    gx, h - 20, tick(k)));
        }
        String group = null;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = ys.get(i)[0];
            if (!b.group.equals(group)) {
                group = b.group;
                s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%.1f\" font-weight=\"bold\">%s</text>%n", y - 8, esc(group)));
            }
            double x1 = x(1, d);
            double x2 = x(b.value, d);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 13, esc(b.label)));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    Math.min(x1, x2), y, Math.max(1, Math.abs(x2 - x1)), BAR_HEIGHT, b.value >= 1 ? hex(BETTER) : hex(WORSE)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                    b.value >= 1 ? x2 + 4 : x2 - 4, y + 13, b.value >= 1 ? "start" : "end", esc(Format.ratio(b.value))));
        }
        s.append("</svg>\n");
        try {
            Files.writeString(file, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writePng(Path file) {
        System.setProperty("java.awt.headless", "true");
        int[] d = decades();
        List<double[]> ys = layout();
        int h = height();
        BufferedImage img = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, h);
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font bold = plain.deriveFont(Font.BOLD);
            g.setColor(Color.BLACK);
            g.setFont(bold.deriveFont(16f));
            g.drawString(title, 10, 24);
            g.setFont(plain);
            g.setColor(Color.DARK_GRAY);
            g.drawString("bar = how many times better jawait is than the peer (log scale); right of 1 = jawait ahead", 10, 42);
            for (int k = d[0]; k <= d[1]; k++) {
                int gx = (int) Math.round(x(Math.pow(10, k), d));
                g.setColor(k == 0 ? Color.BLACK : Color.LIGHT_GRAY);
                g.setStroke(new BasicStroke(k == 0 ? 1.5f : 1f));
                g.drawLine(gx, TOP, gx, h - 36);
                g.setColor(Color.DARK_GRAY);
                String t = tick(k) + "×";
                g.drawString(t, gx - g.getFontMetrics().stringWidth(t) / 2, h - 20);
            }
            String group = null;
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                int y = (int) ys.get(i)[0];
                if (!b.group.equals(group)) {
                    group = b.group;
                    g.setFont(bold);
                    g.setColor(Color.BLACK);
                    g.drawString(group, 10, y - 8);
                    g.setFont(plain);
                }
                g.setColor(Color.BLACK);
                g.drawString(b.label, LABEL_WIDTH - 8 - g.getFontMetrics().stringWidth(b.label), y + 13);
                int x1 = (int) Math.round(x(1, d));
                int x2 = (int) Math.round(x(b.value, d));
                g.setColor(b.value >= 1 ? BETTER : WORSE);
                g.fillRect(Math.min(x1, x2), y, Math.max(1, Math.abs(x2 - x1)), BAR_HEIGHT);
                g.setColor(Color.BLACK);
                String v = Format.ratio(b.value);
                g.drawString(v, b.value >= 1 ? x2 + 4 : x2 - 4 - g.getFontMetrics().stringWidth(v), y + 13);
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tick(int decade) {
        double v = Math.pow(10, decade);
        return v >= 1 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
