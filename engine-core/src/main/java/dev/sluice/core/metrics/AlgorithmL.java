package dev.sluice.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Li's algorithm L: after the reservoir fills, keeps a running weight {@code w} and skips
 * {@code floor(log(u) / log(1 - w))} items before taking the next one into a random slot, so
 * random numbers are drawn only O(k (1 + log(n/k))) times. See {@link ReservoirSampler}.
 */
final class AlgorithmL<T> implements ReservoirSampler<T> {
  private final Object[] reservoir;
  private final SplittableRandom random;
  private long seen; // single writer; readers see a recent value (plain field: no fence per event)
  private double w;
  private long skip;
  private long draws;

  AlgorithmL(int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("sample size must be >= 1, was " + k);
    }
    this.reservoir = new Object[k];
    this.random = new SplittableRandom(seed);
  }

  private double uniformOpen() {
    draws++;
    double u;
    do {
      u = random.nextDouble();
    } while (u == 0.0);
    return u;
  }

  private void nextSkip() {
    skip = (long) Math.floor(Math.log(uniformOpen()) / Math.log(1 - w));
  }

  @Override
  public void offer(T item) {
    long n = seen;
    int k = reservoir.length;
    if (n < k) {
      reservoir[(int) n] = item;
      if (n == k - 1) {
        w = Math.exp(Math.log(uniformOpen()) / k);
        nextSkip();
      }
    } else if (skip > 0) {
      skip--;
    } else {
      draws++;
      reservoir[random.nextInt(k)] = item;
      w *= Math.exp(Math.log(uniformOpen()) / k);
      nextSkip();
    }
    seen = n + 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<T> sample() {
    int size = (int) Math.min(seen, reservoir.length);
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add((T) reservoir[i]);
    }
    return out;
  }

  @Override
  public long seen() {
    return seen;
  }

  @Override
  public int capacity() {
    return reservoir.length;
  }

  @Override
  public long randomDraws() {
    return draws;
  }
}
