package dev.sluice.core.metrics;

import java.util.List;

/**
 * A uniform random sample of fixed size over a stream of unknown length: after {@code n} offers,
 * each offered item is in the sample with probability {@code min(1, k/n)}.
 *
 * <p>Two algorithms: {@link #algorithmR} (Vitter's R: one random draw per item once the
 * reservoir is full) and {@link #algorithmL} (Li's L: draws only when an item is taken, skipping
 * a geometrically distributed number of items in between, so the per-item cost is a counter
 * decrement).
 *
 * <p><b>Threading:</b> one writer thread; {@link #sample()} from other threads returns a copy
 * that may be a moment behind. <b>Allocation:</b> {@link #offer} allocates nothing.
 *
 * @param <T> item type
 */
public interface ReservoirSampler<T> {

  /** Offers the next item of the stream. */
  void offer(T item);

  /** A copy of the current sample (at most {@link #capacity()} items). */
  List<T> sample();

  /** Items offered so far. */
  long seen();

  /** The sample size k. */
  int capacity();

  /** Random draws made so far (to compare the algorithms' cost). */
  long randomDraws();

  /** Vitter's algorithm R with sample size {@code k}. */
  static <T> ReservoirSampler<T> algorithmR(int k, long seed) {
    return new AlgorithmR<>(k, seed);
  }

  /** Li's algorithm L with sample size {@code k}. */
  static <T> ReservoirSampler<T> algorithmL(int k, long seed) {
    return new AlgorithmL<>(k, seed);
  }
}
