package dev.sluice.core.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When a failed source, sink or async call is started again: never, at once (a bounded number of
 * times), or after an exponentially growing, jittered, capped delay.
 *
 * <p>Restart {@code n} (1-based) waits {@code min(maxDelay, initialDelay * multiplier^(n-1))},
 * then jitter moves it uniformly within {@code ±jitter} of itself (never below zero, never above
 * the cap). After {@code maxRestarts} restarts the next failure is final. A component that runs
 * without failing for {@code resetAfter} starts counting from zero again.
 *
 * <p>Immutable and thread-safe.
 */
public final class RestartStrategy {

  private static final RestartStrategy NONE =
      new RestartStrategy(0, Duration.ZERO, 1.0, Duration.ZERO, 0.0, Duration.ZERO);

  private final int maxRestarts;
  private final Duration initialDelay;
  private final double multiplier;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration resetAfter;

  private RestartStrategy(
      int maxRestarts,
      Duration initialDelay,
      double multiplier,
      Duration maxDelay,
      double jitter,
      Duration resetAfter) {
    this.maxRestarts = maxRestarts;
    this.initialDelay = initialDelay;
    this.multiplier = multiplier;
    this.maxDelay = maxDelay;
    this.jitter = jitter;
    this.resetAfter = resetAfter;
  }

  /** Never restart: the first failure is final (the default). */
  public static RestartStrategy none() {
    return NONE;
  }

  /**
   * Restart at once, up to {@code maxRestarts} times.
   *
   * @throws IllegalArgumentException if {@code maxRestarts < 0}
   */
  public static RestartStrategy immediate(int maxRestarts) {
    requireNonNegative(maxRestarts);
    return new RestartStrategy(
        maxRestarts, Duration.ZERO, 1.0, Duration.ZERO, 0.0, Duration.ofMinutes(1));
  }

  /**
   * Restart after an exponentially growing delay.
   *
   * @param initialDelay the delay before the first restart, at least 0
   * @param multiplier growth per restart, at least 1
   * @param maxDelay the cap, at least {@code initialDelay}
   * @param jitter the fraction by which a delay is moved at random, in [0, 1]
   * @param maxRestarts restarts allowed before a failure is final, at least 0
   * @throws IllegalArgumentException naming the first invalid argument
   */
  public static RestartStrategy exponentialBackoff(
      Duration initialDelay, double multiplier, Duration maxDelay, double jitter, int maxRestarts) {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay (" + maxDelay + ") must be >= initialDelay (" + initialDelay + ")");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
    }
    requireNonNegative(maxRestarts);
    return new RestartStrategy(
        maxRestarts, initialDelay, multiplier, maxDelay, jitter, maxDelay.multipliedBy(2));
  }

  private static void requireNonNegative(int maxRestarts) {
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must be >= 0, was " + maxRestarts);
    }
  }

  /**
   * This strategy, with the failure count reset after {@code period} without failure (default:
   * one minute for {@code immediate}, twice the cap for backoff).
   */
  public RestartStrategy withResetAfter(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("resetAfter must be positive, was " + period);
    }
    return new RestartStrategy(maxRestarts, initialDelay, multiplier, maxDelay, jitter, period);
  }

  /**
   * The delay before restart number {@code restart} (1 for the first), or -1 if the failure
   * before it is final.
   *
   * @param uniform a source of uniform doubles in [0, 1) for the jitter
   */
  public long delayMillis(int restart, DoubleSupplier uniform) {
    if (restart < 1 || restart > maxRestarts) {
      return -1;
    }
    double base = initialDelay.toMillis() * Math.pow(multiplier, restart - 1.0);
    double capped = Math.min(base, maxDelay.toMillis());
    if (jitter > 0) {
      capped = capped * (1.0 + jitter * (2.0 * uniform.getAsDouble() - 1.0));
    }
    return Math.max(0, Math.min(Math.round(capped), maxDelay.toMillis()));
  }

  /** Restarts allowed before a failure is final. */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** How long a component must run without failing for its failure count to reset. */
  public Duration resetAfter() {
    return resetAfter;
  }

  @Override
  public String toString() {
    if (maxRestarts == 0) {
      return "RestartStrategy[none]";
    }
    return "RestartStrategy[maxRestarts=" + maxRestarts + ", initial=" + initialDelay
        + ", multiplier=" + multiplier + ", max=" + maxDelay + ", jitter=" + jitter + "]";
  }
}
