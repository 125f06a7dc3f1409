package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric point of a histogram, gauge histogram or summary (the samples that share their
 * labels apart from {@code le} or {@code quantile}) and the rules both text formats apply to it:
 * bucket bounds are decimals or {@code +Inf} and increase, bucket counts are non-negative and
 * never decrease, the last bucket is {@code +Inf} and {@code _count} equals it, quantiles are
 * decimals from 0 to 1. Not thread-safe; one per point being read. Public only for {@link
 * #key}, which the writer uses to keep a point's samples together.
 */
public final class MetricPoint {
  /** {bound, count} of each bucket, in the order read. */
  final List<double[]> buckets = new ArrayList<>();

  Double count;
  Double sum;
  boolean negativeBucket;
  final int firstLine;
  private double lastQuantile = Double.NEGATIVE_INFINITY;

  MetricPoint(int firstLine) {
    this.firstLine = firstLine;
  }

  /**
   * The labels that identify a metric point: all but le / quantile / the stateset label.
   *
   * @param type the family's type
   * @param familyName the family's name
   * @param s one of its samples
   * @return the point's labels
   */
  public static List<Label> key(MetricType type, String familyName, Sample s) {
    String excluded =
        switch (type) {
          case HISTOGRAM, GAUGEHISTOGRAM -> "le";
          case SUMMARY -> "quantile";
          case STATESET -> familyName;
          default -> null;
        };
    List<Label> labels = s.labels();
    if (excluded == null || s.label(excluded) == null) {
      return labels;
    }
    List<Label> kept = new ArrayList<>(labels.size() - 1);
    for (Label l : labels) {
      if (!l.name().equals(excluded)) {
        kept.add(l);
      }
    }
    return kept;
  }

  /**
   * A {@code _bucket} sample: an {@code le} label that is a decimal or {@code +Inf}, a
   * non-negative count, a bound above the previous bucket's and a count not below it.
   */
  void bucket(TextCursor c, Sample s) {
    String le = s.label("le");
    if (le == null) {
      throw c.error("'" + s.name() + "' needs an 'le' label");
    }
    Double bound =
        le.equals("+Inf")
            ? Double.valueOf(Double.POSITIVE_INFINITY)
            : Numbers.decimal(le) ? Double.valueOf(Numbers.toDouble(le)) : null;
    if (bound == null) {
      throw c.error("le=\"" + le + "\" is not a bucket bound (a decimal number or +Inf)");
    }
    double v = s.value();
    nonNegative(c, s, v);
    if (!buckets.isEmpty()) {
      double[] prev = buckets.get(buckets.size() - 1);
      if (bound <= prev[0]) {
        throw c.error("bucket bounds must increase: le=\"" + le + "\" after "
            + text(prev[0]));
      }
      if (v < prev[1]) {
        throw c.error("bucket counts must not decrease: " + text(v)
            + " after " + text(prev[1]));
      }
    }
    if (bound < 0) {
      negativeBucket = true;
    }
    buckets.add(new double[] {bound, v});
  }

  /**
   * A quantile sample: a {@code quantile} label that is a decimal from 0 to 1, a value that is
   * not negative and, if {@code increasing}, a quantile above the previous one of the point.
   */
  void quantile(TextCursor c, Sample s, boolean increasing) {
    String q = s.label("quantile");
    if (q == null) {
      throw c.error("'" + s.name() + "' needs a 'quantile' label");
    }
    double quantile = Numbers.decimal(q) ? Numbers.toDouble(q) : Double.NaN;
    if (!(quantile >= 0 && quantile <= 1)) {
      throw c.error("quantile=\"" + q + "\" must be a decimal number from 0 to 1");
    }
    if (increasing && quantile <= lastQuantile) {
      throw c.error("quantiles must increase: quantile=\"" + q + "\" after "
          + text(lastQuantile));
    }
    lastQuantile = quantile;
    if (s.value() < 0) {
      throw c.error("quantile values must not be negative");
    }
  }

  /** A non-negative number (not NaN): counts, bucket counts, counter totals. */
  static void nonNegative(TextCursor c, Sample s, double v) {
    if (Double.isNaN(v) || v < 0) {
      throw c.error("'" + s.name() + "' must be a non-negative number, was " + v);
    }
  }

  /**
   * The bucket rules checked once the point is complete: a count or sum needs buckets, and
   * buckets end with {@code +Inf}. Returns false if the point has no buckets (nothing more to
   * check).
   */
  boolean checkBuckets(String format, String familyName) {
    String at = "line " + firstLine;
    if (buckets.isEmpty()) {
      if (count != null || sum != null) {
        throw new PayloadFormatException(format, at, "'" + familyName + "' has a count or sum "
            + "but no buckets (a histogram needs a bucket with le=\"+Inf\")");
      }
      return false;
    }
    if (lastBucket()[0] != Double.POSITIVE_INFINITY) {
      throw new PayloadFormatException(format, at, "'" + familyName
          + "' has no le=\"+Inf\" bucket");
    }
    return true;
  }

  /** {@code _count}, where given, equals the {@code +Inf} bucket. */
  void checkCount(String format, String familyName) {
    if (count != null && count.doubleValue() != lastBucket()[1]) {
      throw new PayloadFormatException(format, "line " + firstLine, "'" + familyName
          + "' count " + text(count) + " differs from its +Inf bucket "
          + text(lastBucket()[1]));
    }
  }

  /** A number as the exposition formats spell it, for messages. */
  private static String text(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  double[] lastBucket() {
    return buckets.get(buckets.size() - 1);
  }
}
