package dev.sluice.core.emission;

/**
 * A clock that moves only when told to, for deterministic tests of emission schedules.
 * Thread-safe.
 */
public final class VirtualClock implements EmissionClock {
  private volatile long nanos;

  /** A clock at zero. */
  public VirtualClock() {}

  /** Moves the clock forward by {@code deltaNanos}. */
  public synchronized void advance(long deltaNanos) {
    nanos += deltaNanos;
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public long epochMillisAt(long n) {
    return n / 1_000_000L;
  }
}
