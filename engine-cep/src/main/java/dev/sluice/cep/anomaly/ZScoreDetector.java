package dev.sluice.cep.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Z-score detector: a value's score is its distance from the mean of the window in sample
 * standard deviations, {@code |x - mean| / s}; it is anomalous above the threshold (default 3).
 * When the window's values are all equal ({@code s = 0}) the score is 0 for that value and
 * infinite for any other.
 *
 * <p>The mean and the sum of squared deviations are kept incrementally with Welford's update as
 * values enter, and its inverse as they leave, on values shifted by a value of the window (so a
 * large offset costs no precision). Removing a value cancels catastrophically when it varied much
 * more than those that stay (an outlier leaving the window), so the model is recomputed from the
 * window whenever the sum of squares falls below 10<sup>-6</sup> of its peak since the last
 * recomputation, and after every {@code capacity} removals: each value costs O(1) amortised and
 * the score stays within a relative 10<sup>-8</sup> of a two-pass recomputation (property-tested).
 *
 * <p>State per key: the window plus 40 bytes. Immutable and thread-safe; create with {@link
 * Detectors#zScore()}.
 */
public final class ZScoreDetector implements Detector<ZScoreDetector.Model> {
  private static final double CANCELLATION_RATIO = 1e-6;

  private final double threshold;
  private final int minValues;

  ZScoreDetector(double threshold, int minValues) {
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("z-score threshold must be positive and finite, was " + threshold);
    }
    if (minValues < 2) {
      throw new IllegalArgumentException("z-score minValues must be at least 2, was " + minValues);
    }
    this.threshold = threshold;
    this.minValues = minValues;
  }

  /** This detector with another threshold, in standard deviations (default 3). */
  public ZScoreDetector threshold(double standardDeviations) {
    return new ZScoreDetector(standardDeviations, minValues);
  }

  /** This detector scoring only once the window holds {@code n} values (default 10, at least 2). */
  public ZScoreDetector minValues(int n) {
    return new ZScoreDetector(threshold, n);
  }

  @Override
  public String method() {
    return "z-score";
  }

  @Override
  public double threshold() {
    return threshold;
  }

  @Override
  public int minValues() {
    return minValues;
  }

  @Override
  public Model newModel(long seed, RecentValues window) {
    return new Model();
  }

  @Override
  public void onAdd(Model m, RecentValues window) {
    m.add(window.value(window.size() - 1));
  }

  @Override
  public void onEvict(Model m, double value, long timestamp, RecentValues window) {
    m.remove(value);
    if (window.size() == 0) {
      m.reset();
    } else if (m.m2 < m.peakM2 * CANCELLATION_RATIO
        || ++m.removalsSinceRebuild >= Math.max(16, window.capacity())) {
      m.rebuild(window);
    }
  }

  @Override
  public double score(Model m, RecentValues window, double value) {
    if (m.count < 2) {
      return Double.NaN;
    }
    double mean = m.shift + m.mean;
    double sd = Math.sqrt(m.m2 / (m.count - 1));
    double distance = Math.abs(value - mean);
    if (sd == 0) {
      return distance == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return distance / sd;
  }

  @Override
  public void writeModel(Model m, DataOutput out) throws IOException {
    out.writeInt(m.count);
    out.writeDouble(m.shift);
    out.writeDouble(m.mean);
    out.writeDouble(m.m2);
    out.writeDouble(m.peakM2);
    out.writeInt(m.removalsSinceRebuild);
  }

  @Override
  public Model readModel(DataInput in, long seed, RecentValues window) throws IOException {
    Model m = new Model();
    m.count = in.readInt();
    m.shift = in.readDouble();
    m.mean = in.readDouble();
    m.m2 = in.readDouble();
    m.peakM2 = in.readDouble();
    m.removalsSinceRebuild = in.readInt();
    return m;
  }

  @Override
  public String modelFormatId() {
    return "sluice.cep.z-score/1";
  }

  @Override
  public String toString() {
    return "ZScoreDetector[threshold=" + threshold + ", minValues=" + minValues + "]";
  }

  /** The per-key running mean and sum of squared deviations. Opaque; not thread-safe. */
  public static final class Model {
    int count;
    double shift;
    double mean; // of (x - shift)
    double m2;
    double peakM2;
    int removalsSinceRebuild;

    Model() {}

    void add(double x) {
      if (count == 0) {
        shift = x;
      }
      double d = x - shift;
      count++;
      double delta = d - mean;
      mean += delta / count;
      m2 += delta * (d - mean);
      if (m2 > peakM2) {
        peakM2 = m2;
      }
    }

    void remove(double x) {
      double d = x - shift;
      count--;
      if (count == 0) {
        reset();
        return;
      }
      double delta = d - mean;
      mean -= delta / count;
      m2 -= delta * (d - mean);
      if (m2 < 0) {
        m2 = 0;
      }
    }

    void reset() {
      count = 0;
      shift = 0;
      mean = 0;
      m2 = 0;
      peakM2 = 0;
      removalsSinceRebuild = 0;
    }

    void rebuild(RecentValues window) {
      reset();
      for (int i = 0, n = window.size(); i < n; i++) {
        add(window.value(i));
      }
      peakM2 = m2;
    }

    @Override
    public String toString() {
      return "z-score model[n=" + count + ", mean=" + (shift + mean) + ", m2=" + m2 + "]";
    }
  }
}
