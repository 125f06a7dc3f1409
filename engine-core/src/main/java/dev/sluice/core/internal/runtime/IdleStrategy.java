package dev.sluice.core.internal.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * Back-off for a worker that made no progress: spin, then yield, then park with a doubling
 * period up to a cap. Any progress resets it.
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

  void idle(boolean progress) {
    if (progress) {
      reset();
      return;
    }
    if (spins < maxSpins) {
      spins++;
      Thread.onSpinWait();
    } else if (yields < maxYields) {
      yields++;
      Thread.yield();
    } else {
      LockSupport.parkNanos(parkNanos);
      parkNanos = Math.min(parkNanos << 1, maxParkNanos);
    }
  }

  void reset() {
    spins = 0;
    yields = 0;
    parkNanos = minParkNanos;
  }
}
