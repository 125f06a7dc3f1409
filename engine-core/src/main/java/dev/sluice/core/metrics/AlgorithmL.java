package dev.sluice.core.metrics;

/**
 * Li's algorithm L: after the reservoir fills, keeps a running weight {@code w} and skips
 * {@code floor(log(u) / log(1 - w))} items before taking the next one into a random slot, so
 * random numbers are drawn only O(k (1 + log(n/k))) times. See {@link ReservoirSampler}.
 */
final class AlgorithmL<T> extends ReservoirBase<T> {
  private double w;
  private long skip;

  AlgorithmL(int k, long seed) {
    super(k, seed);
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
}
