package dev.sluice.cep.anomaly;

import dev.sluice.cep.anomaly.internal.IsolationTrees;
import dev.sluice.cep.anomaly.internal.SplitMix;
import java.util.Objects;

/**
 * A trained isolation forest over points of one or more dimensions (Liu, Ting and Zhou,
 * "Isolation Forest", ICDM 2008): the model behind {@link IsolationForestDetector}, usable on its
 * own for batch scoring.
 *
 * <p>Each of {@code trees} trees is grown on its own random sample of {@code psi = min(sampleSize,
 * n)} training points, drawn without replacement: a node picks an attribute at random (among
 * those not constant over its points) and a split value uniformly between their minimum and
 * maximum, until a node holds one point or the height limit {@code ceil(log2 psi)} is reached. A
 * point's path length {@code h(x)} in a tree is the depth of the leaf it falls in plus {@code
 * c(size)}, {@code size} being the training points that reached the leaf, where {@code c(n) = 2
 * H(n-1) - 2(n-1)/n} is the average path length of an unsuccessful search in a binary search
 * tree. The score is {@code s(x) = 2^(-E[h(x)] / c(psi))}: close to 1 for points isolated in few
 * splits (anomalies), around 0.5 or below for ordinary points.
 *
 * <p><b>Determinism:</b> the same points, parameters and seed give the same forest.
 * <b>Threading:</b> immutable once trained; {@link #score} may be called from any thread.
 * <b>Allocation:</b> scoring allocates nothing.
 */
public final class IsolationForest {
  private final IsolationTrees trees;
  private final int dims;

  private IsolationForest(IsolationTrees trees, int dims) {
    this.trees = trees;
    this.dims = dims;
  }

  /**
   * Trains a forest on {@code points} (each an array of the same length, 1 to 255 dimensions).
   *
   * @param points the training points, not modified
   * @param trees the number of trees, at least 1 (the paper uses 100)
   * @param sampleSize the sample size per tree, at least 2 (the paper uses 256)
   * @param seed the seed of the random sampling and splits
   * @throws IllegalArgumentException if {@code points} is empty, its points differ in length or hold
   *     a NaN or infinite coordinate, or a parameter is out of range
   */
  public static IsolationForest train(double[][] points, int trees, int sampleSize, long seed) {
    Objects.requireNonNull(points, "points");
    if (points.length == 0) {
      throw new IllegalArgumentException("cannot train an isolation forest on no points");
    }
    checkParameters(trees, sampleSize);
    int dims = points[0].length;
    double[] flat = new double[points.length * dims];
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != dims) {
        throw new IllegalArgumentException(
            "point " + i + " has " + points[i].length + " coordinates, point 0 has " + dims);
      }
      for (int a = 0; a < dims; a++) {
        double v = points[i][a];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("point " + i + " coordinate " + a + " is " + v);
        }
        flat[i * dims + a] = v;
      }
    }
    IsolationTrees forest = new IsolationTrees(trees, sampleSize, dims);
    forest.train(flat, points.length, new SplitMix(seed));
    return new IsolationForest(forest, dims);
  }

  static void checkParameters(int trees, int sampleSize) {
    if (trees < 1 || trees > 10_000) {
      throw new IllegalArgumentException("an isolation forest needs 1 to 10000 trees, got " + trees);
    }
    if (sampleSize < 2 || sampleSize > 1 << 16) {
      throw new IllegalArgumentException(
          "an isolation forest's sample size must be in [2, 65536], got " + sampleSize);
    }
  }

  /**
   * The anomaly score of {@code point}, in (0, 1].
   *
   * @throws IllegalArgumentException if the point's dimension differs from the training points'
   */
  public double score(double... point) {
    return trees.score(meanPathLength(point));
  }

  /** The mean path length {@code E[h(x)]} of {@code point} over the trees. */
  public double meanPathLength(double... point) {
    if (point.length != dims) {
      throw new IllegalArgumentException(
          "point of " + point.length + " coordinates for a forest of " + dims);
    }
    return trees.meanPathLength(point, 0);
  }

  /** The sample size each tree was grown on ({@code psi}). */
  public int sampleSize() {
    return trees.sampleSize();
  }

  /** {@code c(n)}, the normalisation of path lengths for a sample of {@code n}. */
  public static double averagePathLength(int n) {
    return IsolationTrees.c(n);
  }
}
