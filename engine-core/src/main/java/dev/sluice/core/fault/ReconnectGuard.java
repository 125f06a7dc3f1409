package dev.sluice.core.fault;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Guards the calls a connector makes to its server (fetch, acknowledge, publish, reconnect):
 * after a failed call the next one waits a backoff delay taken from a {@link RestartStrategy},
 * and consecutive failures open a circuit breaker ({@link CircuitBreakerSettings}) during which
 * no call is made at all. Once the strategy's restarts are used up without a success in
 * between, {@link #onFailure} throws {@link ConnectionLostException}, which fails the job.
 *
 * <p>Used cooperatively: a reader asks {@link #tryAcquire} before each call and does nothing
 * (returns 0 events) when refused, so a worker thread never sleeps through a backoff.
 *
 * <p><b>Threading:</b> not thread-safe; one guard per reader or writer, used by its thread.
 * Allocates nothing per call.
 */
public final class ReconnectGuard {

  private final String what;
  private final CircuitBreaker breaker;
  private final RestartStrategy backoff;
  private final Clock clock;
  private final SplittableRandom random;
  private int failuresInARow;
  private long notBeforeMillis;
  private long firstFailureMillis;

  /**
   * Creates a guard.
   *
   * @param what names the connector and server in error messages, e.g. {@code "redis source
   *     'orders' (127.0.0.1:6379)"}
   * @param breaker the circuit breaker's settings
   * @param backoff the delays between attempts and how many failures in a row are tolerated
   * @param clock the clock for delays and the breaker
   */
  public ReconnectGuard(
      String what, CircuitBreakerSettings breaker, RestartStrategy backoff, Clock clock) {
    this.what = Objects.requireNonNull(what, "what");
    this.breaker = breaker.create(Objects.requireNonNull(clock, "clock"));
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = clock;
    this.random = new SplittableRandom(what.hashCode());
  }

  /** A guard on the system clock. */
  public ReconnectGuard(String what, CircuitBreakerSettings breaker, RestartStrategy backoff) {
    this(what, breaker, backoff, Clock.systemUTC());
  }

  /**
   * True if a call may be made now: the backoff delay after the last failure has passed and the
   * circuit is closed or lets a trial call through. A true answer must be followed by {@link
   * #onSuccess} or {@link #onFailure}.
   */
  public boolean tryAcquire() {
    if (failuresInARow > 0 && clock.millis() < notBeforeMillis) {
      return false;
    }
    return breaker.tryAcquirePermission();
  }

  /** The call succeeded: the failure count starts from zero again. */
  public void onSuccess() {
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    failuresInARow = 0;
  }

  /**
   * The call failed with {@code cause}: the next call waits a backoff delay.
   *
   * @throws ConnectionLostException once more calls in a row failed than the backoff strategy
   *     allows restarts
   */
  public void onFailure(Throwable cause) {
    breaker.onError(0, TimeUnit.NANOSECONDS, cause);
    long now = clock.millis();
    if (failuresInARow == 0) {
      firstFailureMillis = now;
    }
    failuresInARow++;
    long delay = backoff.delayMillis(failuresInARow, random::nextDouble);
    if (delay < 0) {
      throw new ConnectionLostException(
          what + ": " + failuresInARow + " calls in a row failed over "
              + (now - firstFailureMillis) + " ms (" + backoff + "); last failure: " + cause,
          cause);
    }
    notBeforeMillis = now + delay;
  }

  /** Failed calls since the last success. */
  public int failuresInARow() {
    return failuresInARow;
  }

  /** The circuit breaker's state now. */
  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  /** The server stayed unreachable longer than a {@link ReconnectGuard} tolerates. */
  public static final class ConnectionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ConnectionLostException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
