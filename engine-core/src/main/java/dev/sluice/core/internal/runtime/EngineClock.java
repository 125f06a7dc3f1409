package dev.sluice.core.internal.runtime;

/** The engine's processing-time clock; replaceable in tests. */
public interface EngineClock {
  /** Monotonic nanoseconds. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch. */
  long currentTimeMillis();

  /** The system clock. */
  EngineClock SYSTEM =
      new EngineClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
          return System.currentTimeMillis();
        }
      };
}
