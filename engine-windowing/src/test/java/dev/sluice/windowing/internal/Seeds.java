package dev.sluice.windowing.internal;

import java.util.SplittableRandom;

/**
 * Runs a randomized check over seeds and names the seed of a failure. The first seed is random
 * per run unless {@code -Dsluice.seed=N} fixes it (then only that seed runs).
 */
final class Seeds {
  @FunctionalInterface
  interface Body {
    void run(SplittableRandom random, long seed) throws Exception;
  }

  private Seeds() {}

  static void run(String what, int tries, Body body) {
    String fixed = System.getProperty("sluice.seed");
    long base = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    int n = fixed != null ? 1 : tries;
    for (int t = 0; t < n; t++) {
      long seed = base + t;
      try {
        body.run(new SplittableRandom(seed), seed);
      } catch (Throwable e) {
        throw new AssertionError(
            what + " failed with seed " + seed + " (reproduce with -Dsluice.seed=" + seed + ")",
            e);
      }
    }
  }
}
