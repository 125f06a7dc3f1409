package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconnectGuardTest {

  final ManualClock clock = new ManualClock(Instant.EPOCH);

  ReconnectGuard guard(int failureThreshold, int maxRestarts) {
    return new ReconnectGuard(
        "test server",
        new CircuitBreakerSettings(
            "b", failureThreshold, Duration.ofSeconds(10), 1, WhileOpen.FAIL_FAST),
        RestartStrategy.exponentialBackoff(
            Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.0, maxRestarts),
        clock);
  }

  @Test
  void failuresWaitTheBackoffDelayBeforeTheNextCall() {
    ReconnectGuard g = guard(100, 10);
    assertThat(g.tryAcquire()).isTrue();
    g.onFailure(new IOException("down"));
    assertThat(g.tryAcquire()).isFalse();
    clock.advance(Duration.ofMillis(99));
    assertThat(g.tryAcquire()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(g.tryAcquire()).isTrue();
    g.onFailure(new IOException("down"));
    clock.advance(Duration.ofMillis(199));
    assertThat(g.tryAcquire()).isFalse(); // doubled
    clock.advance(Duration.ofMillis(1));
    assertThat(g.tryAcquire()).isTrue();
    g.onSuccess();
    assertThat(g.failuresInARow()).isZero();
    assertThat(g.tryAcquire()).isTrue(); // no delay after a success
  }

  @Test
  void consecutiveFailuresOpenTheBreakerWhichBlocksCallsUntilItsResetTimeout() {
    ReconnectGuard g = guard(3, 100);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(g.tryAcquire()).isTrue();
      g.onFailure(new IOException("down"));
    }
    assertThat(g.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    clock.advance(Duration.ofSeconds(5)); // backoff passed, breaker still open
    assertThat(g.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(5).plusMillis(1)); // past the 10 s reset timeout
    assertThat(g.tryAcquire()).isTrue(); // half-open trial
    g.onSuccess();
    assertThat(g.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void moreFailuresInARowThanTheStrategyAllowsFailWithTheServerNamed() {
    ReconnectGuard g = guard(100, 2);
    g.onFailure(new IOException("one"));
    g.onFailure(new IOException("two"));
    assertThatThrownBy(() -> g.onFailure(new IOException("three")))
        .isInstanceOf(ReconnectGuard.ConnectionLostException.class)
        .hasMessageContaining("test server")
        .hasMessageContaining("3 calls in a row failed")
        .hasMessageContaining("three");
  }
}
