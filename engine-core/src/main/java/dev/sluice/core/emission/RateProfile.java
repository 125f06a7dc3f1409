package dev.sluice.core.emission;

import java.time.Duration;
import java.util.Objects;

/**
 * How the target emission rate varies over time. All profiles are immutable and thread-safe.
 *
 * <p>Deterministic profiles define a rate function {@link #rateAt(double)}; the scheduler emits
 * the n-th event when the integral of the rate reaches n. {@link #poisson(double)} instead draws
 * exponential inter-arrival times with the given mean rate.
 */
public sealed interface RateProfile
    permits RateProfile.Constant, RateProfile.Poisson, RateProfile.Bursts, RateProfile.Ramp,
        RateProfile.Spike, RateProfile.Sine, RateProfile.Piecewise {

  /** The target rate, in events per second, {@code seconds} after the start. */
  double rateAt(double seconds);

  /** True if arrivals are random (Poisson) rather than evenly spaced. */
  default boolean random() {
    return false;
  }

  /** A short description, e.g. {@code constant(10000/s)}. */
  String describe();

  /** A constant rate. */
  static RateProfile constant(double eventsPerSecond) {
    return new Constant(positive("eventsPerSecond", eventsPerSecond));
  }

  /** Poisson arrivals at a mean rate: exponential inter-arrival times. */
  static RateProfile poisson(double eventsPerSecond) {
    return new Poisson(positive("eventsPerSecond", eventsPerSecond));
  }

  /**
   * A base rate with periodic bursts: for {@code burstLength} at the start of every {@code
   * period}, the rate is {@code burstEventsPerSecond}.
   */
  static RateProfile bursts(
      double baseEventsPerSecond, double burstEventsPerSecond, Duration period,
      Duration burstLength) {
    if (burstLength.compareTo(period) > 0) {
      throw new IllegalArgumentException("burstLength must not exceed period");
    }
    return new Bursts(
        nonNegative("baseEventsPerSecond", baseEventsPerSecond),
        positive("burstEventsPerSecond", burstEventsPerSecond), seconds("period", period),
        seconds("burstLength", burstLength));
  }

  /** A linear ramp from one rate to another over {@code over}, then steady at the end rate. */
  static RateProfile ramp(double fromEventsPerSecond, double toEventsPerSecond, Duration over) {
    return new Ramp(
        nonNegative("fromEventsPerSecond", fromEventsPerSecond),
        nonNegative("toEventsPerSecond", toEventsPerSecond), seconds("over", over));
  }

  /** A base rate with one spike to {@code spikeEventsPerSecond} from {@code at} for {@code length}. */
  static RateProfile spike(
      double baseEventsPerSecond, double spikeEventsPerSecond, Duration at, Duration length) {
    return new Spike(
        nonNegative("baseEventsPerSecond", baseEventsPerSecond),
        positive("spikeEventsPerSecond", spikeEventsPerSecond), at.toNanos() / 1e9,
        seconds("length", length));
  }

  /** {@code mean + amplitude · sin(2πt / period)}, never below zero. */
  static RateProfile sine(double meanEventsPerSecond, double amplitudeEventsPerSecond, Duration period) {
    return new Sine(
        positive("meanEventsPerSecond", meanEventsPerSecond),
        nonNegative("amplitudeEventsPerSecond", amplitudeEventsPerSecond),
        seconds("period", period));
  }

  /**
   * Consecutive segments, each a linear move from one rate to another over its length (equal
   * rates make a steady segment); after the last, the rate stays at its end rate. With {@code
   * poissonArrivals}, arrivals are random around the rate (a non-homogeneous Poisson process).
   *
   * @param lengthsSeconds the segments' lengths
   * @param fromEps each segment's starting rate
   * @param toEps each segment's final rate
   */
  static RateProfile piecewise(
      double[] lengthsSeconds, double[] fromEps, double[] toEps, boolean poissonArrivals) {
    if (lengthsSeconds.length == 0
        || lengthsSeconds.length != fromEps.length
        || fromEps.length != toEps.length) {
      throw new IllegalArgumentException("piecewise: one length, from and to rate per segment");
    }
    double[] ends = new double[lengthsSeconds.length];
    double t = 0;
    for (int i = 0; i < ends.length; i++) {
      t += positive("segment length", lengthsSeconds[i]);
      ends[i] = t;
      nonNegative("from rate", fromEps[i]);
      nonNegative("to rate", toEps[i]);
    }
    return new Piecewise(ends, fromEps.clone(), toEps.clone(), poissonArrivals);
  }

  private static double positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + v);
    }
    return v;
  }

  private static double nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + v);
    }
    return v;
  }

  private static double seconds(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d.toNanos() / 1e9;
  }

  /** A constant rate. */
  record Constant(double eventsPerSecond) implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return eventsPerSecond;
    }

    @Override
    public String describe() {
      return "constant(" + eventsPerSecond + "/s)";
    }
  }

  /** Poisson arrivals. */
  record Poisson(double eventsPerSecond) implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return eventsPerSecond;
    }

    @Override
    public boolean random() {
      return true;
    }

    @Override
    public String describe() {
      return "poisson(" + eventsPerSecond + "/s)";
    }
  }

  /** Periodic bursts over a base rate. */
  record Bursts(double base, double burst, double periodSeconds, double burstSeconds)
      implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return seconds % periodSeconds < burstSeconds ? burst : base;
    }

    @Override
    public String describe() {
      return "bursts(" + base + "/s, " + burst + "/s for " + burstSeconds + "s every "
          + periodSeconds + "s)";
    }
  }

  /** A linear ramp. */
  record Ramp(double from, double to, double overSeconds) implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return seconds >= overSeconds ? to : from + (to - from) * seconds / overSeconds;
    }

    @Override
    public String describe() {
      return "ramp(" + from + "/s -> " + to + "/s over " + overSeconds + "s)";
    }
  }

  /** One spike over a base rate. */
  record Spike(double base, double spike, double atSeconds, double lengthSeconds)
      implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return seconds >= atSeconds && seconds < atSeconds + lengthSeconds ? spike : base;
    }

    @Override
    public String describe() {
      return "spike(" + base + "/s, " + spike + "/s at " + atSeconds + "s for " + lengthSeconds
          + "s)";
    }
  }

  /** Consecutive linear segments. */
  record Piecewise(double[] ends, double[] from, double[] to, boolean poisson)
      implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      double start = 0;
      for (int i = 0; i < ends.length; i++) {
        if (seconds < ends[i]) {
          double f = (seconds - start) / (ends[i] - start);
          return from[i] + (to[i] - from[i]) * f;
        }
        start = ends[i];
      }
      return to[to.length - 1];
    }

    @Override
    public boolean random() {
      return poisson;
    }

    @Override
    public String describe() {
      return "piecewise(" + ends.length + " segments" + (poisson ? ", poisson" : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Piecewise p && java.util.Arrays.equals(ends, p.ends)
          && java.util.Arrays.equals(from, p.from) && java.util.Arrays.equals(to, p.to)
          && poisson == p.poisson;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(ends) * 31 + java.util.Arrays.hashCode(to);
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** A sine wave around a mean. */
  record Sine(double mean, double amplitude, double periodSeconds) implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return Math.max(0, mean + amplitude * Math.sin(2 * Math.PI * seconds / periodSeconds));
    }

    @Override
    public String describe() {
      return "sine(" + mean + " ± " + amplitude + "/s, period " + periodSeconds + "s)";
    }
  }
}
