package dev.sluice.cep.anomaly;

import java.io.DataInput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Interquartile-range detector (Tukey's fences): with {@code Q1} and {@code Q3} the window's
 * quartiles and {@code IQR = Q3 - Q1}, a value's score is how far it lies outside {@code [Q1,
 * Q3]} in IQRs — {@code (Q1 - x) / IQR} below, {@code (x - Q3) / IQR} above, 0 inside — and it is
 * anomalous above the threshold {@code k} (default 1.5, Tukey's "outlier"; 3 for "far out"). When
 * {@code IQR = 0} the score is 0 inside the quartiles and infinite outside.
 *
 * <p>Quartiles are linear interpolations between order statistics (Hyndman and Fan's type 7,
 * the default of R and NumPy): the {@code p}-quantile of {@code n} sorted values {@code s} is
 * {@code s[h] + (h - floor h)(s[h + 1] - s[h])} at {@code h = (n - 1) p}. The model keeps the
 * window's values sorted (binary search and one array move per value entering or leaving, O(n)
 * moves but no allocation), so each quartile costs O(1); the sorted copy is not written into
 * snapshots but rebuilt from the window on restore.
 *
 * <p>State per key: the window plus 8 bytes per value of heap (nothing extra in snapshots).
 * Immutable and thread-safe; create with {@link Detectors#iqr()}.
 */
public final class IqrDetector implements Detector<IqrDetector.Model> {
  private final double k;
  private final int minValues;

  IqrDetector(double k, int minValues) {
    if (!(k >= 0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("IQR threshold k must be finite and not negative, was " + k);
    }
    if (minValues < 4) {
      throw new IllegalArgumentException("IQR minValues must be at least 4, was " + minValues);
    }
    this.k = k;
    this.minValues = minValues;
  }

  /** This detector with another fence multiplier {@code k} (default 1.5). */
  public IqrDetector threshold(double k) {
    return new IqrDetector(k, minValues);
  }

  /** This detector scoring only once the window holds {@code n} values (default 10, at least 4). */
  public IqrDetector minValues(int n) {
    return new IqrDetector(k, n);
  }

  @Override
  public String method() {
    return "iqr";
  }

  @Override
  public double threshold() {
    return k;
  }

  @Override
  public int minValues() {
    return minValues;
  }

  @Override
  public Model newModel(long seed, RecentValues window) {
    Model m = new Model(Math.min(window.capacity(), 16));
    for (int i = 0; i < window.size(); i++) {
      m.insert(window.value(i));
    }
    return m;
  }

  @Override
  public void onAdd(Model m, RecentValues window) {
    m.insert(window.value(window.size() - 1));
  }

  @Override
  public void onEvict(Model m, double value, long timestamp, RecentValues window) {
    m.delete(value);
  }

  @Override
  public double score(Model m, RecentValues window, double value) {
    if (m.size < 2) {
      return Double.NaN;
    }
    double q1 = m.quantile(0.25);
    double q3 = m.quantile(0.75);
    double iqr = q3 - q1;
    double outside = value < q1 ? q1 - value : value > q3 ? value - q3 : 0;
    if (outside == 0) {
      return 0;
    }
    return iqr == 0 ? Double.POSITIVE_INFINITY : outside / iqr;
  }

  @Override
  public Model readModel(DataInput in, long seed, RecentValues window) throws IOException {
    Model m = new Model(Math.max(1, window.size()));
    for (int i = 0; i < window.size(); i++) {
      m.sorted[i] = window.value(i);
    }
    m.size = window.size();
    Arrays.sort(m.sorted, 0, m.size);
    return m;
  }

  @Override
  public String modelFormatId() {
    return "sluice.cep.iqr/1";
  }

  /**
   * The {@code p}-quantile (type 7) of {@code sorted[0, n)}, as the detector computes it; for
   * tests and custom detectors.
   */
  public static double quantile(double[] sorted, int n, double p) {
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  @Override
  public String toString() {
    return "IqrDetector[k=" + k + ", minValues=" + minValues + "]";
  }

  /** The window's values in ascending order. Opaque; not thread-safe. */
  public static final class Model {
    double[] sorted;
    int size;

    Model(int initial) {
      sorted = new double[initial];
    }

    void insert(double x) {
      if (size == sorted.length) {
        sorted = Arrays.copyOf(sorted, sorted.length * 2);
      }
      int at = Arrays.binarySearch(sorted, 0, size, x);
      if (at < 0) {
        at = -at - 1;
      }
      System.arraycopy(sorted, at, sorted, at + 1, size - at);
      sorted[at] = x;
      size++;
    }

    void delete(double x) {
      int at = Arrays.binarySearch(sorted, 0, size, x);
      if (at < 0) {
        throw new IllegalStateException("value " + x + " left a window that did not hold it");
      }
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }

    double quantile(double p) {
      return IqrDetector.quantile(sorted, size, p);
    }

    @Override
    public String toString() {
      return "iqr model" + Arrays.toString(Arrays.copyOf(sorted, size));
    }
  }
}
