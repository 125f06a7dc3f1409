package dev.sluice.core.emission;

/**
 * The time an emission schedule runs on: monotonic nanoseconds, and the wall-clock time that
 * corresponds to a monotonic reading. Replace it with a {@link VirtualClock} to test schedules
 * without waiting.
 */
public interface EmissionClock {

  /** Monotonic nanoseconds. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch at monotonic time {@code nanos}. */
  long epochMillisAt(long nanos);

  /** The system clock. */
  static EmissionClock system() {
    long originNanos = System.nanoTime();
    long originMillis = System.currentTimeMillis();
    return new EmissionClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long epochMillisAt(long nanos) {
        return originMillis + (nanos - originNanos) / 1_000_000L;
      }
    };
  }
}
