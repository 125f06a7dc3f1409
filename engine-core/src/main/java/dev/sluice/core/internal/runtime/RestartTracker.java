package dev.sluice.core.internal.runtime;

import dev.sluice.core.fault.RestartStrategy;
import java.util.SplittableRandom;

/**
 * Decides, for one component, whether and when to restart after a failure, following a {@link
 * RestartStrategy}; the failure count resets after the strategy's quiet period. Single-threaded.
 */
public final class RestartTracker {
  private final RestartStrategy strategy;
  private final EngineClock clock;
  private final SplittableRandom random;
  private int restarts;
  private long lastFailureNanos = Long.MIN_VALUE;
  private long lastDelayMillis = -1;

  /**
   * @param seed seeds the jitter, so a restart sequence is reproducible
   */
  public RestartTracker(RestartStrategy strategy, EngineClock clock, long seed) {
    this.strategy = strategy;
    this.clock = clock;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Records a failure now.
   *
   * @return the {@link EngineClock#nanoTime()} at which to restart, or -1 if the failure is final
   */
  public long onFailure() {
    long now = clock.nanoTime();
    if (lastFailureNanos != Long.MIN_VALUE
        && now - lastFailureNanos >= strategy.resetAfter().toNanos()) {
      restarts = 0;
    }
    lastFailureNanos = now;
    long delay = strategy.delayMillis(restarts + 1, random::nextDouble);
    lastDelayMillis = delay;
    if (delay < 0) {
      return -1;
    }
    restarts++;
    return now + delay * 1_000_000L;
  }

  /** The delay granted by the last {@link #onFailure()}, or -1 if it was final (or none yet). */
  public long lastDelayMillis() {
    return lastDelayMillis;
  }

  /** Restarts granted since the last reset. */
  public int restarts() {
    return restarts;
  }
}
