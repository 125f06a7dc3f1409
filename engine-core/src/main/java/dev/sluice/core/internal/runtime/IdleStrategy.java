package dev.sluice.core.internal.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * Back-off for a worker that made no progress: spin, then yield, then park with a doubling
 * period up to a cap. Any progress resets it. The worker calls {@link #backOff()} after each idle
 * round and, once it returns false, announces that it parks and calls {@link #park()}.
 * Single-threaded (owned by one worker).
 */
final class IdleStrategy {
  private final int maxSpins;
  private final int maxYields;
  private final long minParkNanos;
  private final long maxParkNanos;
  private int spins;
  private int yields;
  private long parkNanos;

  IdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos) {
    this.maxSpins = maxSpins;
    this.maxYields = maxYields;
    this.minParkNanos = minParkNanos;
    this.maxParkNanos = maxParkNanos;
    reset();
  }

  /**
   * Spins or yields once, unless both phases are used up.
   *
   * @return false when it is time to park
   */
  boolean backOff() {
    if (spins < maxSpins) {
      spins++;
      Thread.onSpinWait();
      return true;
    }
    if (yields < maxYields) {
      yields++;
      Thread.yield();
      return true;
    }
    return false;
  }

  /** Parks for the current period (or until unparked) and doubles the period, up to the cap. */
  void park() {
    LockSupport.parkNanos(parkNanos);
    parkNanos = Math.min(parkNanos << 1, maxParkNanos);
  }

  void reset() {
    spins = 0;
    yields = 0;
    parkNanos = minParkNanos;
  }
}
