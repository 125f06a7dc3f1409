package dev.sluice.cep.anomaly;

import dev.sluice.cep.anomaly.internal.IsolationTrees;
import dev.sluice.cep.anomaly.internal.SplitMix;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Isolation-forest detector: per key, an {@link IsolationForest} trained on the key's window of
 * recent values, retrained every {@code retrainEvery} values, scores each new value; it is
 * anomalous when the score exceeds the threshold (default 0.65).
 *
 * <p>The first forest is trained when the window holds {@code minValues} values (default 32);
 * until then values are not scored. Each tree samples {@code min(sampleSize, window size)} values
 * of the window. The randomness comes from a SplitMix64 generator seeded per key (from the
 * stage's seed and the key's stable hash) whose state is part of the model, so a restored or
 * rescaled job retrains exactly as an uninterrupted one.
 *
 * <p>Defaults: 50 trees, sample size 64, retrain every 64 values, threshold 0.65. State per key:
 * the window plus the trees' nodes in use (allocated at the first training): 12 bytes each
 * in heap, and in snapshots 4 bytes per leaf and 12 per split; about 33 KB in heap and 22 KB in
 * snapshots with the defaults (docs/cep.md; use fewer trees or a smaller sample for many keys). Training costs {@code O(trees sampleSize log sampleSize)}
 * every {@code retrainEvery} values; scoring {@code O(trees log sampleSize)} per value.
 *
 * <p>Immutable and thread-safe; create with {@link Detectors#isolationForest()}.
 */
public final class IsolationForestDetector implements Detector<IsolationForestDetector.Model> {
  private final int trees;
  private final int sampleSize;
  private final int retrainEvery;
  private final double threshold;
  private final int minValues;

  IsolationForestDetector(
      int trees, int sampleSize, int retrainEvery, double threshold, int minValues) {
    IsolationForest.checkParameters(trees, sampleSize);
    if (retrainEvery < 1) {
      throw new IllegalArgumentException(
          "isolation forest retrainEvery must be at least 1, was " + retrainEvery);
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "isolation forest threshold must be in (0, 1], was " + threshold);
    }
    if (minValues < 2) {
      throw new IllegalArgumentException(
          "isolation forest minValues must be at least 2, was " + minValues);
    }
    this.trees = trees;
    this.sampleSize = sampleSize;
    this.retrainEvery = retrainEvery;
    this.threshold = threshold;
    this.minValues = minValues;
  }

  /** This detector with {@code n} trees (default 50). */
  public IsolationForestDetector trees(int n) {
    return new IsolationForestDetector(n, sampleSize, retrainEvery, threshold, minValues);
  }

  /** This detector sampling {@code n} values of the window per tree (default 64). */
  public IsolationForestDetector sampleSize(int n) {
    return new IsolationForestDetector(trees, n, retrainEvery, threshold, minValues);
  }

  /** This detector retraining after every {@code n} values (default 64). */
  public IsolationForestDetector retrainEvery(int n) {
    return new IsolationForestDetector(trees, sampleSize, n, threshold, minValues);
  }

  /** This detector with another score threshold in (0, 1] (default 0.65). */
  public IsolationForestDetector threshold(double score) {
    return new IsolationForestDetector(trees, sampleSize, retrainEvery, score, minValues);
  }

  /** This detector training first once the window holds {@code n} values (default 32). */
  public IsolationForestDetector minValues(int n) {
    return new IsolationForestDetector(trees, sampleSize, retrainEvery, threshold, n);
  }

  @Override
  public String method() {
    return "isolation-forest";
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
    return new Model(new IsolationTrees(trees, sampleSize, window.dimensions()), seed);
  }

  /** Up to 255 features per value. */
  @Override
  public int maxDimensions() {
    return 255;
  }

  @Override
  public void onAdd(Model m, RecentValues window) {
    m.sinceTraining++;
    int n = window.size();
    boolean due = m.forest.isTrained() ? m.sinceTraining >= retrainEvery : n >= minValues;
    if (due) {
      double[] points = new double[n * window.dimensions()];
      for (int i = 0; i < n; i++) {
        for (int d = 0; d < window.dimensions(); d++) {
          points[i * window.dimensions() + d] = window.value(i, d);
        }
      }
      m.forest.train(points, n, m.random);
      m.sinceTraining = 0;
    }
  }

  @Override
  public double score(Model m, RecentValues window, double value) {
    if (!m.forest.isTrained()) {
      return Double.NaN;
    }
    return m.forest.score(m.forest.meanPathLength(value));
  }

  @Override
  public double score(Model m, RecentValues window, double[] point) {
    if (!m.forest.isTrained()) {
      return Double.NaN;
    }
    return m.forest.score(m.forest.meanPathLength(point, 0));
  }

  @Override
  public void writeModel(Model m, DataOutput out) throws IOException {
    out.writeLong(m.random.state());
    out.writeInt(m.sinceTraining);
    m.forest.write(out);
  }

  @Override
  public Model readModel(DataInput in, long seed, RecentValues window) throws IOException {
    Model m = new Model(new IsolationTrees(trees, sampleSize, window.dimensions()), in.readLong());
    m.sinceTraining = in.readInt();
    m.forest.read(in);
    return m;
  }

  @Override
  public String modelFormatId() {
    return "sluice.cep.isolation-forest/1(trees=" + trees + ",sample=" + sampleSize + ")";
  }

  @Override
  public String toString() {
    return "IsolationForestDetector[trees=" + trees + ", sampleSize=" + sampleSize
        + ", retrainEvery=" + retrainEvery + ", threshold=" + threshold + ", minValues="
        + minValues + "]";
  }

  /** A key's forest and random generator. Opaque; not thread-safe. */
  public static final class Model {
    final IsolationTrees forest;
    final SplitMix random;
    int sinceTraining;

    Model(IsolationTrees forest, long seed) {
      this.forest = forest;
      this.random = new SplitMix(seed);
    }

    /** Heap bytes of the forest's node arrays (0 before the first training). */
    public long arrayBytes() {
      return forest.arrayBytes();
    }

    @Override
    public String toString() {
      return "isolation-forest model[sample=" + forest.sampleSize() + ", nodes=" + forest.nodes()
          + ", sinceTraining=" + sinceTraining + "]";
    }
  }
}
