package dev.sluice.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fault.RestartStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restart decisions against a controllable clock. */
class RestartTrackerTest {
  static final class ManualNanos implements EngineClock {
    long nanos;

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public long currentTimeMillis() {
      return nanos / 1_000_000;
    }

    void advanceMillis(long ms) {
      nanos += ms * 1_000_000;
    }
  }

  private static List<Long> delays(RestartTracker t, ManualNanos clock, int failures) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      long at = t.onFailure();
      out.add(at < 0 ? -1 : (at - clock.nanos) / 1_000_000);
      clock.advanceMillis(1); // fail again right after the restart
    }
    return out;
  }

  @Test
  void exponentialBackoffWithoutJitterDoublesUpToTheCapThenGivesUp() {
    ManualNanos clock = new ManualNanos();
    RestartStrategy s =
        RestartStrategy.exponentialBackoff(
            Duration.ofMillis(100), 2.0, Duration.ofMillis(1000), 0.0, 6);
    assertThat(delays(new RestartTracker(s, clock, 1), clock, 8))
        .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, -1L, -1L);
  }

  @Test
  void jitterStaysWithinItsBandAndIsReproducible() {
    RestartStrategy s =
        RestartStrategy.exponentialBackoff(
            Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.2, 5);
    ManualNanos c1 = new ManualNanos();
    ManualNanos c2 = new ManualNanos();
    List<Long> a = delays(new RestartTracker(s, c1, 42), c1, 5);
    List<Long> b = delays(new RestartTracker(s, c2, 42), c2, 5);
    assertThat(a).isEqualTo(b);
    long[] base = {100, 200, 400, 800, 1600};
    for (int i = 0; i < 5; i++) {
      assertThat(a.get(i)).isBetween(Math.round(base[i] * 0.8), Math.round(base[i] * 1.2));
    }
  }

  @Test
  void immediateAllowsMaxRestartsThenIsFinal() {
    ManualNanos clock = new ManualNanos();
    assertThat(delays(new RestartTracker(RestartStrategy.immediate(2), clock, 1), clock, 3))
        .containsExactly(0L, 0L, -1L);
    assertThat(delays(new RestartTracker(RestartStrategy.none(), clock, 1), clock, 1))
        .containsExactly(-1L);
  }

  @Test
  void aQuietPeriodResetsTheCount() {
    ManualNanos clock = new ManualNanos();
    RestartStrategy s = RestartStrategy.immediate(1).withResetAfter(Duration.ofSeconds(5));
    RestartTracker t = new RestartTracker(s, clock, 1);
    assertThat(t.onFailure()).isGreaterThanOrEqualTo(0);
    clock.advanceMillis(5_000);
    assertThat(t.onFailure()).as("count reset after 5 s without failure").isGreaterThanOrEqualTo(0);
    clock.advanceMillis(10);
    assertThat(t.onFailure()).isEqualTo(-1);
  }
}
