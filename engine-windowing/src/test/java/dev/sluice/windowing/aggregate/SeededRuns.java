package dev.sluice.windowing.aggregate;

import java.util.SplittableRandom;

/**
 * The aggregation tests' checks over a {@link SplittableRandom}, run by the shared {@link
 * dev.sluice.testsupport.SeededRuns} (fixed default seed, {@code -Dsluice.seed}, {@code
 * -Dsluice.tries}, a failure naming the try and the command that replays it).
 */
final class SeededRuns {
  /** A check over one seeded random source. */
  @FunctionalInterface
  interface Body {
    void run(SplittableRandom random) throws Exception;
  }

  private SeededRuns() {}

  /** Runs {@code body} {@code tries} times; {@code what} names the check in the test's code. */
  static void run(String what, int tries, Body body) {
    dev.sluice.testsupport.SeededRuns.run(tries, generator -> body.run(generator.random()));
  }
}
