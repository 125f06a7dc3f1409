package dev.sluice.cep.anomaly.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An isolation forest (Liu, Ting and Zhou 2008) over points of {@code dims} coordinates, stored
 * without node objects: the trees one after another, each in pre-order, in two parallel arrays —
 * the split value, and a meta word that for an internal node holds the split attribute (low 8
 * bits) and the index of the right child within its tree (the left child is the next node), and
 * for a leaf {@code -1 - size}, the number of training points that reached it. The arrays are
 * allocated at the first training and trimmed to the nodes in use after each. Not thread-safe
 * while training; scoring reads only.
 */
public final class IsolationTrees {
  /** Euler–Mascheroni constant, for the harmonic-number approximation of c(n). */
  private static final double EULER_GAMMA = 0.5772156649015329;

  private final int trees;
  private final int maxSample;
  private final int dims;
  private final int stride;
  private double[] split = new double[0];
  private int[] meta = new int[0];
  /** Where each tree starts in the node arrays; entry {@code trees} is the total node count. */
  private final int[] treeStart;
  /** The sample size the forest was trained with (psi'), 0 before the first training. */
  private int sample;
  private int heightLimit;

  public IsolationTrees(int trees, int maxSample, int dims) {
    if (dims < 1 || dims > 255) {
      throw new IllegalArgumentException("an isolation forest takes 1 to 255 dimensions, got " + dims);
    }
    this.trees = trees;
    this.maxSample = maxSample;
    this.dims = dims;
    this.stride = 2 * maxSample - 1;
    this.treeStart = new int[trees + 1];
  }

  public boolean isTrained() {
    return sample > 0;
  }

  public int sampleSize() {
    return sample;
  }

  public int trees() {
    return trees;
  }

  /** The nodes in use over all trees. */
  public int nodes() {
    return treeStart[trees];
  }

  /** Heap bytes of the node arrays. */
  public long arrayBytes() {
    return 16L + 8L * split.length + 16L + 4L * meta.length + 16L + 4L * treeStart.length;
  }

  /**
   * Trains every tree on its own sample of {@code min(maxSample, n)} of the {@code n} points in
   * {@code points} (flat, {@code dims} coordinates each), drawn without replacement with {@code
   * random}.
   */
  public void train(double[] points, int n, SplitMix random) {
    if (n < 1) {
      throw new IllegalArgumentException("cannot train an isolation forest on no points");
    }
    int psi = Math.min(maxSample, n);
    sample = psi;
    heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
    int[] order = new int[n];
    int[] idx = new int[psi];
    split = new double[trees * stride];
    meta = new int[trees * stride];
    int used = 0;
    for (int t = 0; t < trees; t++) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = 0; i < psi; i++) { // partial Fisher–Yates
        int j = i + random.nextInt(n - i);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
        idx[i] = order[i];
      }
      treeStart[t] = used;
      used = build(points, idx, 0, psi, 0, used, used, random);
    }
    treeStart[trees] = used;
    split = java.util.Arrays.copyOf(split, used);
    meta = java.util.Arrays.copyOf(meta, used);
  }

  /** Builds the subtree over idx[lo, hi) at node {@code node}; returns the next free node. */
  private int build(
      double[] points, int[] idx, int lo, int hi, int depth, int base, int node, SplitMix random) {
    int n = hi - lo;
    if (depth >= heightLimit || n <= 1) {
      return leaf(node, n);
    }
    int first = dims == 1 ? 0 : random.nextInt(dims);
    for (int k = 0; k < dims; k++) {
      int a = first + k < dims ? first + k : first + k - dims;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = lo; i < hi; i++) {
        double v = points[idx[i] * dims + a];
        if (v < min) {
          min = v;
        }
        if (v > max) {
          max = v;
        }
      }
      if (!(max > min)) {
        continue; // constant in this attribute: try the next
      }
      double s;
      do {
        s = min + random.nextDouble() * (max - min);
      } while (!(s > min));
      int mid = lo;
      for (int i = lo; i < hi; i++) {
        if (points[idx[i] * dims + a] < s) {
          int tmp = idx[i];
          idx[i] = idx[mid];
          idx[mid] = tmp;
          mid++;
        }
      }
      split[node] = s;
      int right = build(points, idx, lo, mid, depth + 1, base, node + 1, random);
      meta[node] = ((right - base) << 8) | a;
      return build(points, idx, mid, hi, depth + 1, base, right, random);
    }
    return leaf(node, n); // every attribute constant
  }

  private int leaf(int node, int n) {
    split[node] = 0;
    meta[node] = -1 - n;
    return node + 1;
  }

  /** The mean path length of {@code point} (offset {@code from} in a flat array) over the trees. */
  public double meanPathLength(double[] point, int from) {
    double sum = 0;
    for (int t = 0; t < trees; t++) {
      int base = treeStart[t];
      int node = base;
      int depth = 0;
      while (true) {
        int m = meta[node];
        if (m < 0) {
          sum += depth + c(-1 - m);
          break;
        }
        node = point[from + (m & 0xff)] < split[node] ? node + 1 : base + (m >>> 8);
        depth++;
      }
    }
    return sum / trees;
  }

  /** The mean path length of a one-dimensional value. */
  public double meanPathLength(double value) {
    double sum = 0;
    for (int t = 0; t < trees; t++) {
      int base = treeStart[t];
      int node = base;
      int depth = 0;
      while (true) {
        int m = meta[node];
        if (m < 0) {
          sum += depth + c(-1 - m);
          break;
        }
        node = value < split[node] ? node + 1 : base + (m >>> 8);
        depth++;
      }
    }
    return sum / trees;
  }

  /** The anomaly score {@code 2^(-E[h] / c(psi'))} for a mean path length. */
  public double score(double meanPathLength) {
    double norm = c(sample);
    return norm == 0 ? 0.5 : Math.pow(2, -meanPathLength / norm);
  }

  /**
   * The average path length of an unsuccessful search in a binary search tree of {@code n}
   * nodes: {@code 2 H(n - 1) - 2 (n - 1) / n}, with {@code H(i) ~ ln i + gamma}; 1 for {@code n =
   * 2}, 0 below.
   */
  public static double c(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    return 2 * (Math.log(n - 1) + EULER_GAMMA) - 2.0 * (n - 1) / n;
  }

  /** Writes the trained trees (only the nodes in use). */
  public void write(DataOutput out) throws IOException {
    out.writeInt(sample);
    if (sample == 0) {
      return;
    }
    out.writeInt(heightLimit);
    for (int t = 0; t < trees; t++) {
      int base = treeStart[t];
      int count = treeStart[t + 1] - base;
      out.writeInt(count);
      for (int i = 0; i < count; i++) {
        out.writeInt(meta[base + i]);
        if (meta[base + i] >= 0) {
          out.writeDouble(split[base + i]);
        }
      }
    }
  }

  /** Reads trees written by {@link #write} into this (same shape) forest. */
  public void read(DataInput in) throws IOException {
    sample = in.readInt();
    if (sample == 0) {
      return;
    }
    if (sample < 0 || sample > maxSample) {
      throw new IOException("isolation forest sample size " + sample + " out of range");
    }
    heightLimit = in.readInt();
    double[] s = new double[trees * stride];
    int[] m0 = new int[trees * stride];
    int used = 0;
    for (int t = 0; t < trees; t++) {
      int count = in.readInt();
      if (count < 1 || count > stride) {
        throw new IOException("isolation tree of " + count + " nodes, at most " + stride);
      }
      treeStart[t] = used;
      for (int i = 0; i < count; i++) {
        int m = in.readInt();
        m0[used + i] = m;
        s[used + i] = m >= 0 ? in.readDouble() : 0;
      }
      used += count;
    }
    treeStart[trees] = used;
    split = java.util.Arrays.copyOf(s, used);
    meta = java.util.Arrays.copyOf(m0, used);
  }

}
