package dev.sluice.bench.nexmark;

/**
 * A SplitMix64 stream that can be re-seeded per event, so that an event's fields depend only on
 * (seed, event number) and not on which other events were generated before it.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
final class SplitMix {
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private long state;

  /** Starts the stream of event {@code eventNumber} under {@code seed}. */
  SplitMix reseed(long seed, long eventNumber) {
    state = mix(seed ^ mix(eventNumber + GOLDEN));
    return this;
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}, {@code bound > 0}. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** The SplitMix64 finaliser: a good 64-bit mix, also used for result checksums. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
