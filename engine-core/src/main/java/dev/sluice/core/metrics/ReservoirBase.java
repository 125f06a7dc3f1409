package dev.sluice.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The reservoir, counters and read side shared by algorithms R and L. */
abstract class ReservoirBase<T> implements ReservoirSampler<T> {
  final Object[] reservoir;
  final SplittableRandom random;
  /** Single writer; readers see a recent value (a plain field: no fence per event). */
  long seen;
  long draws;

  ReservoirBase(int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("sample size must be >= 1, was " + k);
    }
    this.reservoir = new Object[k];
    this.random = new SplittableRandom(seed);
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
