package dev.sluice.scenario.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: axes with tick marks and values, grid lines, a legend, labelled
 * horizontal reference lines (targets, limits) and labelled vertical markers. The x axis is
 * either numeric or categorical (one labelled tick under each point). Not thread-safe; build,
 * render, discard.
 */
public final class SvgChart {
  static final int WIDTH = 760;
  static final int HEIGHT = 300;
  static final int LEFT = 70;
  static final int RIGHT = 20;
  static final int TOP = 30;
  static final int BOTTOM = 50;

  private record Series(String name, String color, double[] xs, double[] ys, boolean points) {}

  private record Reference(double value, String label, String color) {}

  private record Marker(double x, String label) {}

  private final String xTitle;
  private final String yTitle;
  private final List<Series> series = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private String[] categories;
  private double minX = Double.NaN;
  private double maxX = Double.NaN;
  private String empty;

  /** A chart with these axis titles. */
  public SvgChart(String xTitle, String yTitle) {
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  /** Adds a line (with a dot at each point if {@code points}). */
  public SvgChart line(String name, String color, double[] xs, double[] ys, boolean points) {
    series.add(new Series(name, color, xs.clone(), ys.clone(), points));
    return this;
  }

  /** Adds a dashed horizontal line at {@code value}, labelled at its right end. */
  public SvgChart reference(double value, String label, String color) {
    references.add(new Reference(value, label, color));
    return this;
  }

  /** Adds a dotted vertical line at {@code x}, labelled at its top. */
  public SvgChart marker(double x, String label) {
    markers.add(new Marker(x, label));
    return this;
  }

  /** Makes the x axis categorical: point i sits over {@code labels[i]}, evenly spaced. */
  public SvgChart categories(String... labels) {
    this.categories = labels.clone();
    return this;
  }

  /** Writes {@code text} across the plot (for a chart without data). */
  public SvgChart emptyText(String text) {
    this.empty = text;
    return this;
  }

  /** Makes the numeric x axis span at least {@code [from, to]}. */
  public SvgChart xRange(double from, double to) {
    this.minX = from;
    this.maxX = to;
    return this;
  }

  /** The chart as an {@code <svg>} element. */
  public String render() {
    double x0 = Double.isNaN(minX) ? 0 : minX;
    double x1 = Double.isNaN(maxX) ? 1 : maxX;
    double y1 = 0;
    for (Series s : series) {
      for (int i = 0; i < s.xs.length; i++) {
        x1 = Math.max(x1, s.xs[i]);
        if (Double.isFinite(s.ys[i])) {
          y1 = Math.max(y1, s.ys[i]);
        }
      }
    }
    // a reference far above the data would flatten it: such lines are named above the plot
    double dataMax = y1;
    List<Reference> drawn = new ArrayList<>();
    List<Reference> offScale = new ArrayList<>();
    for (Reference r : references) {
      if (dataMax > 0 && r.value > 4 * dataMax) {
        offScale.add(r);
      } else {
        drawn.add(r);
        y1 = Math.max(y1, r.value);
      }
    }
    for (Marker m : markers) {
      x1 = Math.max(x1, m.x);
    }
    if (categories != null) {
      x0 = 0;
      x1 = Math.max(1, categories.length - 1);
    }
    double[] yTicks = niceTicks(0, y1 <= 0 ? 1 : y1 * 1.05);
    double yMax = yTicks[yTicks.length - 1];
    double[] xTicks = categories != null ? null : niceTicks(x0, x1);
    double xMin = categories != null ? x0 : xTicks[0];
    double xMax = categories != null ? x1 : xTicks[xTicks.length - 1];
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    Scale sx = v -> LEFT + plotW * (v - xMin) / (xMax - xMin);
    Scale sy = v -> TOP + plotH - plotH * v / yMax;

    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" font-family=\"sans-serif\" font-size=\"11\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    // grid and y ticks
    for (double t : yTicks) {
      double y = sy.at(t);
      sb.append(String.format(Locale.ROOT,
          "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>",
          LEFT, y, WIDTH - RIGHT, y));
      sb.append(String.format(Locale.ROOT,
          "<line class=\"tick\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#666\"/>",
          LEFT - 5, y, LEFT, y));
      sb.append(String.format(Locale.ROOT,
          "<text class=\"tick-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT - 8, y + 4, esc(compact(t))));
    }
    // x ticks
    if (categories != null) {
      for (int i = 0; i < categories.length; i++) {
        double x = sx.at(i);
        sb.append(String.format(Locale.ROOT,
            "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f0f0f0\"/>",
            x, TOP, x, TOP + plotH));
        sb.append(String.format(Locale.ROOT,
            "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#666\"/>",
            x, TOP + plotH, x, TOP + plotH + 5));
        sb.append(String.format(Locale.ROOT,
            "<text class=\"tick-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            x, TOP + plotH + 18, esc(categories[i])));
      }
    } else {
      for (double t : xTicks) {
        double x = sx.at(t);
        sb.append(String.format(Locale.ROOT,
            "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f0f0f0\"/>",
            x, TOP, x, TOP + plotH));
        sb.append(String.format(Locale.ROOT,
            "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#666\"/>",
            x, TOP + plotH, x, TOP + plotH + 5));
        sb.append(String.format(Locale.ROOT,
            "<text class=\"tick-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            x, TOP + plotH + 18, esc(compact(t))));
      }
    }
    // axes and their titles
    sb.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
        LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH));
    sb.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
        LEFT, TOP, LEFT, TOP + plotH));
    sb.append(String.format(Locale.ROOT,
        "<text class=\"axis-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
        LEFT + plotW / 2, HEIGHT - 10, esc(xTitle)));
    sb.append(String.format(Locale.ROOT,
        "<text class=\"axis-title\" x=\"14\" y=\"%d\" text-anchor=\"middle\""
            + " transform=\"rotate(-90 14 %d)\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, esc(yTitle)));
    // reference lines, labelled
    if (!offScale.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Reference r : offScale) {
        names.add(r.label);
      }
      sb.append(String.format(Locale.ROOT,
          "<text class=\"reference-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\""
              + " fill=\"%s\">%s (above the scale)</text>",
          WIDTH - RIGHT - 6, TOP + 14, offScale.get(0).color, esc(String.join("; ", names))));
    }
    for (Reference r : drawn) {
      double y = sy.at(r.value);
      sb.append(String.format(Locale.ROOT,
          "<line class=\"reference\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\""
              + " stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>",
          LEFT, y, WIDTH - RIGHT, y, r.color));
      sb.append(String.format(Locale.ROOT,
          "<text class=\"reference-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">"
              + "%s</text>",
          WIDTH - RIGHT - 4, y - 4, r.color, esc(r.label)));
    }
    for (Marker m : markers) {
      double x = sx.at(m.x);
      sb.append(String.format(Locale.ROOT,
          "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#777\""
              + " stroke-dasharray=\"2 3\"/>",
          x, TOP, x, TOP + plotH));
      sb.append(String.format(Locale.ROOT,
          "<text class=\"marker-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">"
              + "%s</text>",
          x, TOP - 6, esc(m.label)));
    }
    // series
    for (Series s : series) {
      // a point without a value (NaN: nothing completed in that period) breaks the line
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.xs.length; i++) {
        if (!Double.isFinite(s.ys[i])) {
          pen = false;
          continue;
        }
        double x = sx.at(s.xs[i]);
        double y = sy.at(s.ys[i]);
        path.append(pen ? "L" : "M").append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        pen = true;
        if (s.points) {
          sb.append(String.format(Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, s.color));
        }
      }
      if (path.length() > 0) {
        sb.append("<path class=\"series\" d=\"").append(path.toString().trim())
            .append("\" fill=\"none\" stroke=\"").append(s.color)
            .append("\" stroke-width=\"2\"/>");
      }
    }
    if (empty != null) {
      sb.append(String.format(Locale.ROOT,
          "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#777\""
              + " font-size=\"14\">%s</text>", LEFT + plotW / 2, TOP + plotH / 2, esc(empty)));
    }
    // legend, top left inside the plot
    int lx = LEFT + 10;
    for (Series s : series) {
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>",
          lx, TOP + 10, lx + 18, TOP + 10, s.color));
      sb.append(String.format(Locale.ROOT,
          "<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>", lx + 22, TOP + 14, esc(s.name)));
      lx += 40 + 7 * s.name.length();
    }
    return sb.append("</svg>\n").toString();
  }

  private interface Scale {
    double at(double v);
  }

  /** Ticks at 1, 2, 2.5 or 5 times a power of ten, from at most {@code from} to at least {@code to}. */
  static double[] niceTicks(double from, double to) {
    if (!(to > from)) {
      to = from + 1;
    }
    // the smallest step of 1, 2, 2.5 or 5 times a power of ten that needs at most 8 intervals
    double magnitude = Math.pow(10, Math.floor(Math.log10((to - from) / 8)));
    double step = 10 * magnitude;
    for (double f : new double[] {1, 2, 2.5, 5, 10}) {
      if ((Math.ceil(to / (f * magnitude) - 1e-9) - Math.floor(from / (f * magnitude))) <= 8) {
        step = f * magnitude;
        break;
      }
    }
    double start = Math.floor(from / step) * step;
    int n = (int) Math.ceil((to - start) / step - 1e-9);
    double[] ticks = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      ticks[i] = start + i * step;
    }
    return ticks;
  }

  /** 1,500,000 as {@code 1.5M}, 20000 as {@code 20,000}, 0.25 as {@code 0.25}. */
  static String compact(double v) {
    if (Math.abs(v) >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
