package dev.sluice.core.emission;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EmissionSource} emits: the rate profile, when to stop, frames, bursts and what to
 * do when behind schedule. Immutable; start from {@link #of(RateProfile)}.
 *
 * @param profile the target rate over time
 * @param maxEvents stop after this many events ({@code Long.MAX_VALUE}: no limit)
 * @param duration stop at this point of the schedule ({@link Duration#ZERO}: no limit)
 * @param burstSize events emitted per call of the source at most, at least 1
 * @param tick frame length: events due are released once per tick ({@link Duration#ZERO}: as
 *     soon as due; 16.667 ms is the 60 fps frame mode)
 * @param catchUp what to do with events whose time has passed while the pipeline was behind
 * @param maxLag with {@link CatchUp#SKIP}: events more than this late are skipped (counted)
 * @param seed seeds Poisson arrivals
 */
public record EmissionSettings(
    RateProfile profile,
    long maxEvents,
    Duration duration,
    int burstSize,
    Duration tick,
    CatchUp catchUp,
    Duration maxLag,
    long seed) {

  /** What to do with events that are due but late. */
  public enum CatchUp {
    /** Emit them as fast as the pipeline takes them, keeping their intended times. */
    BURST,
    /** Skip events later than {@code maxLag}, counted; keep the schedule. */
    SKIP
  }

  /** The 60 fps frame length. */
  public static final Duration FRAME_60_FPS = Duration.ofNanos(1_000_000_000L / 60);

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the invalid field
   */
  public EmissionSettings {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(catchUp, "catchUp");
    Objects.requireNonNull(maxLag, "maxLag");
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must be >= 0, was " + maxEvents);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
    if (burstSize < 1) {
      throw new IllegalArgumentException("burstSize must be >= 1, was " + burstSize);
    }
    if (tick.isNegative()) {
      throw new IllegalArgumentException("tick must not be negative, was " + tick);
    }
    if (maxLag.isNegative()) {
      throw new IllegalArgumentException("maxLag must not be negative, was " + maxLag);
    }
  }

  /** Unbounded, continuous, bursts of 1024, catching up by bursting. */
  public static EmissionSettings of(RateProfile profile) {
    return new EmissionSettings(
        profile, Long.MAX_VALUE, Duration.ZERO, 1024, Duration.ZERO, CatchUp.BURST,
        Duration.ofSeconds(1), 42);
  }

  /** Stop after {@code d} of schedule. */
  public EmissionSettings withDuration(Duration d) {
    return new EmissionSettings(profile, maxEvents, d, burstSize, tick, catchUp, maxLag, seed);
  }

  /** Stop after {@code n} events. */
  public EmissionSettings withMaxEvents(long n) {
    return new EmissionSettings(profile, n, duration, burstSize, tick, catchUp, maxLag, seed);
  }

  /** At most {@code n} events per call. */
  public EmissionSettings withBurstSize(int n) {
    return new EmissionSettings(profile, maxEvents, duration, n, tick, catchUp, maxLag, seed);
  }

  /** Release events once per {@code t} (frames). */
  public EmissionSettings withTick(Duration t) {
    return new EmissionSettings(profile, maxEvents, duration, burstSize, t, catchUp, maxLag, seed);
  }

  /** Catch up by {@code policy}; for SKIP, skip events later than {@code lag}. */
  public EmissionSettings withCatchUp(CatchUp policy, Duration lag) {
    return new EmissionSettings(profile, maxEvents, duration, burstSize, tick, policy, lag, seed);
  }

  /** With the Poisson seed. */
  public EmissionSettings withSeed(long s) {
    return new EmissionSettings(profile, maxEvents, duration, burstSize, tick, catchUp, maxLag, s);
  }
}
