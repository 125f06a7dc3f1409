package dev.sluice.core.fault;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a circuit breaker around calls to the outside (an async stage or a sink), built on
 * Resilience4j.
 *
 * <p>The circuit opens after {@code failureThreshold} consecutive failed calls; while open no call
 * is made ({@code whileOpen} says what happens to events); after {@code resetTimeout} it lets
 * calls through again (half-open); {@code successesToClose} successful calls in a row close it,
 * and any failure while half-open opens it again.
 *
 * @param name the breaker's name, shown in metrics and debug events
 * @param failureThreshold consecutive failures that open the circuit, at least 1
 * @param resetTimeout how long the circuit stays open before half-opening, positive
 * @param successesToClose successful calls while half-open that close it, at least 1
 * @param whileOpen what events do while the circuit is open
 */
public record CircuitBreakerSettings(
    String name, int failureThreshold, Duration resetTimeout, int successesToClose,
    WhileOpen whileOpen) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid field
   */
  public CircuitBreakerSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resetTimeout, "resetTimeout");
    Objects.requireNonNull(whileOpen, "whileOpen");
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
    }
    if (resetTimeout.isNegative() || resetTimeout.isZero()) {
      throw new IllegalArgumentException("resetTimeout must be positive, was " + resetTimeout);
    }
    if (successesToClose < 1) {
      throw new IllegalArgumentException("successesToClose must be >= 1, was " + successesToClose);
    }
  }

  /** Opens after 5 failures, half-opens after 30 s, closes after 3 successes, fails fast. */
  public static CircuitBreakerSettings defaults(String name) {
    return new CircuitBreakerSettings(name, 5, Duration.ofSeconds(30), 3, WhileOpen.FAIL_FAST);
  }

  /** A copy with {@code whileOpen}. */
  public CircuitBreakerSettings withWhileOpen(WhileOpen policy) {
    return new CircuitBreakerSettings(name, failureThreshold, resetTimeout, successesToClose, policy);
  }

  /** Creates the Resilience4j breaker on the system clock. */
  public CircuitBreaker create() {
    return create(Clock.systemUTC());
  }

  /** Creates the Resilience4j breaker on {@code clock} (a {@link ManualClock} in tests). */
  public CircuitBreaker create(Clock clock) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(failureThreshold)
            .minimumNumberOfCalls(failureThreshold)
            .failureRateThreshold(100.0f)
            .waitDurationInOpenState(resetTimeout)
            .permittedNumberOfCallsInHalfOpenState(successesToClose)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .recordExceptions(Throwable.class)
            .clock(clock)
            .build();
    return CircuitBreaker.of(name, config);
  }
}
