package dev.sluice.core.emission;

import java.util.SplittableRandom;

/**
 * The intended emission times of a {@link RateProfile}, as nanosecond offsets from the start:
 * evenly spaced for a constant rate (exactly {@code n / rate}, no accumulated error), integrated
 * step by step (midpoint rule) for varying rates, exponential inter-arrival times for Poisson.
 * Single-threaded; allocates nothing per event.
 */
public final class EmissionSchedule {
  /** Returned by {@link #next()} when a rate stays at zero: no further event. */
  public static final long NEVER = Long.MAX_VALUE;

  private static final double IDLE_STEP_SECONDS = 0.001;
  private static final long IDLE_STEPS_LIMIT = 86_400_000L;

  private final RateProfile profile;
  private final SplittableRandom random;
  private final double constantRate;
  private long count;
  private double t;

  /** A schedule of {@code profile}; {@code seed} drives Poisson arrivals. */
  public EmissionSchedule(RateProfile profile, long seed) {
    this.profile = profile;
    this.random = new SplittableRandom(seed);
    this.constantRate =
        profile instanceof RateProfile.Constant c ? c.eventsPerSecond() : Double.NaN;
  }

  /** The offset in nanoseconds of the next event, or {@link #NEVER}. */
  public long next() {
    long n = count++;
    if (!Double.isNaN(constantRate)) {
      return (long) (n * 1e9 / constantRate);
    }
    double at = t;
    if (profile.random()) {
      double u;
      do {
        u = random.nextDouble();
      } while (u == 0.0);
      t = at - Math.log(u) / profile.rateAt(at);
      return (long) (t * 1e9);
    }
    // the first event is at time 0 only for a rate that is positive there
    double rate = profile.rateAt(at);
    long idle = 0;
    while (rate <= 0) {
      if (++idle > IDLE_STEPS_LIMIT) {
        return NEVER;
      }
      at += IDLE_STEP_SECONDS;
      rate = profile.rateAt(at);
    }
    double mid = profile.rateAt(at + 0.5 / rate);
    double step = 1.0 / (mid > 0 ? mid : rate);
    long result = (long) (at * 1e9);
    t = at + step;
    return result;
  }
}
