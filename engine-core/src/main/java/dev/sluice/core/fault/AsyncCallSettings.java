package dev.sluice.core.fault;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of an async stage ({@code Stage.mapAsync}): concurrency, order, timeout, retry, an
 * optional circuit breaker and an optional fallback for degraded mode. Immutable; start from
 * {@link #defaults()} and use the {@code with*} methods.
 *
 * @param maxConcurrency calls in flight per instance at most, at least 1; at the limit the stage
 *     takes no input (backpressure)
 * @param ordered emit results in input order; otherwise as they complete (never across a
 *     watermark)
 * @param timeout a call not complete within this fails with a {@code TimeoutException}; zero
 *     for none
 * @param maxAttempts attempts per event including the first, at least 1 (1 = no retry)
 * @param retryBackoff the wait before the first retry
 * @param retryMultiplier growth of the wait per further retry, at least 1
 * @param circuitBreaker a breaker around the calls, or null
 * @param clock the breaker's clock (a {@link ManualClock} in tests)
 * @param fallback degraded mode: computes a result locally while the circuit is open (with
 *     FAIL_FAST) or after the last failed attempt; null for none
 * @param retryStrategy when set, replaces {@code maxAttempts}/{@code retryBackoff}/{@code
 *     retryMultiplier}: retries follow this restart strategy (capped, jittered backoff); null for
 *     none
 */
public record AsyncCallSettings(
    int maxConcurrency,
    boolean ordered,
    Duration timeout,
    int maxAttempts,
    Duration retryBackoff,
    double retryMultiplier,
    CircuitBreakerSettings circuitBreaker,
    Clock clock,
    Function<Object, Object> fallback,
    RestartStrategy retryStrategy) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid field
   */
  public AsyncCallSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(clock, "clock");
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (retryBackoff.isNegative()) {
      throw new IllegalArgumentException("retryBackoff must not be negative, was " + retryBackoff);
    }
    if (!(retryMultiplier >= 1.0)) {
      throw new IllegalArgumentException("retryMultiplier must be >= 1, was " + retryMultiplier);
    }
  }

  /** 16 in flight, ordered, no timeout, no retry, no breaker, no fallback. */
  public static AsyncCallSettings defaults() {
    return new AsyncCallSettings(
        16, true, Duration.ZERO, 1, Duration.ZERO, 1.0, null, Clock.systemUTC(), null, null);
  }

  /** With at most {@code n} calls in flight. */
  public AsyncCallSettings withMaxConcurrency(int n) {
    return new AsyncCallSettings(n, ordered, timeout, maxAttempts, retryBackoff, retryMultiplier,
        circuitBreaker, clock, fallback, retryStrategy);
  }

  /** Emitting results in input order ({@code true}) or as they complete. */
  public AsyncCallSettings withOrdered(boolean inOrder) {
    return new AsyncCallSettings(maxConcurrency, inOrder, timeout, maxAttempts, retryBackoff,
        retryMultiplier, circuitBreaker, clock, fallback, retryStrategy);
  }

  /** With a call timeout. */
  public AsyncCallSettings withTimeout(Duration t) {
    return new AsyncCallSettings(maxConcurrency, ordered, t, maxAttempts, retryBackoff,
        retryMultiplier, circuitBreaker, clock, fallback, retryStrategy);
  }

  /** With retries: {@code attempts} in all, waiting {@code backoff × multiplier^k} between. */
  public AsyncCallSettings withRetry(int attempts, Duration backoff, double multiplier) {
    return new AsyncCallSettings(maxConcurrency, ordered, timeout, attempts, backoff, multiplier,
        circuitBreaker, clock, fallback, null);
  }

  /**
   * With retries following {@code strategy}: {@code maxRestarts()} retries after the first
   * attempt, each after the strategy's (capped, jittered) delay.
   */
  public AsyncCallSettings withRetry(RestartStrategy strategy) {
    return new AsyncCallSettings(maxConcurrency, ordered, timeout, strategy.maxRestarts() + 1,
        retryBackoff, retryMultiplier, circuitBreaker, clock, fallback,
        Objects.requireNonNull(strategy, "strategy"));
  }

  /** The retry delays: {@link #retryStrategy()} if set, else the fixed exponential backoff. */
  public RestartStrategy effectiveRetry() {
    if (retryStrategy != null) {
      return retryStrategy;
    }
    if (maxAttempts == 1) {
      return RestartStrategy.none();
    }
    Duration cap = retryBackoff.multipliedBy((long) Math.ceil(Math.pow(retryMultiplier, maxAttempts)));
    return RestartStrategy.exponentialBackoff(retryBackoff, retryMultiplier, cap, 0, maxAttempts - 1);
  }

  /** With a circuit breaker. */
  public AsyncCallSettings withCircuitBreaker(CircuitBreakerSettings settings) {
    return new AsyncCallSettings(maxConcurrency, ordered, timeout, maxAttempts, retryBackoff,
        retryMultiplier, settings, clock, fallback, retryStrategy);
  }

  /** With the breaker's clock. */
  public AsyncCallSettings withClock(Clock c) {
    return new AsyncCallSettings(maxConcurrency, ordered, timeout, maxAttempts, retryBackoff,
        retryMultiplier, circuitBreaker, c, fallback, retryStrategy);
  }

  /** With a fallback for degraded mode. */
  @SuppressWarnings("unchecked")
  public <T, R> AsyncCallSettings withFallback(Function<? super T, ? extends R> f) {
    return new AsyncCallSettings(maxConcurrency, ordered, timeout, maxAttempts, retryBackoff,
        retryMultiplier, circuitBreaker, clock, (Function<Object, Object>) (Function<?, ?>) f, retryStrategy);
  }
}
