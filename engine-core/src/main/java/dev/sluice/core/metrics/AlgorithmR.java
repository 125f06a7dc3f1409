package dev.sluice.core.metrics;

/** Vitter's algorithm R. See {@link ReservoirSampler}. */
final class AlgorithmR<T> extends ReservoirBase<T> {

  AlgorithmR(int k, long seed) {
    super(k, seed);
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
}
