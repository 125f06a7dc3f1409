package dev.sluice.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Vitter's algorithm R. See {@link ReservoirSampler}. */
final class AlgorithmR<T> implements ReservoirSampler<T> {
  private final Object[] reservoir;
  private final SplittableRandom random;
  private long seen; // single writer; readers see a recent value (plain field: no fence per event)
  private long draws;

  AlgorithmR(int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("sample size must be >= 1, was " + k);
    }
    this.reservoir = new Object[k];
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void offer(T item) {
    long n = seen;
    if (n < reservoir.length) {
      reservoir[(int) n] = item;
    } else {
      draws++;
      long j = random.nextLong(n + 1);
      if (j < reservoir.length) {
        reservoir[(int) j] = item;
      }
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
