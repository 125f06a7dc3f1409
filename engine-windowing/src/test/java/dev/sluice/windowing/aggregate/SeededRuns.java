package dev.sluice.windowing.aggregate;

import java.util.SplittableRandom;

/**
 * Runs a randomized check many times, each over its own seed, and names the seed of a failure.
 * The first seed is random per run unless {@code -Dsluice.seed=N} fixes it; a failure message
 * gives the seed to pass back to reproduce it. (The core's test helper of the same name lives in a
 * package of the core module, which this module's tests cannot read.)
 */
final class SeededRuns {
  /** A check over one seeded random source. */
  @FunctionalInterface
  interface Body {
    void run(SplittableRandom random) throws Exception;
  }

  private SeededRuns() {}

  /** Runs {@code body} {@code tries} times, over seeds base, base+1, ... */
  static void run(String what, int tries, Body body) {
    String fixed = System.getProperty("sluice.seed");
    long base = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    int n = fixed != null ? 1 : tries;
    for (int t = 0; t < n; t++) {
      long seed = base + t;
      try {
        body.run(new SplittableRandom(seed));
      } catch (Throwable e) {
        throw new AssertionError(
            what + " failed with seed " + seed + " (reproduce with -Dsluice.seed=" + seed + ")",
            e);
      }
    }
  }
}
