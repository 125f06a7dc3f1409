package dev.sluice.examples.cep;

import dev.sluice.cep.AfterMatchSkipStrategy;
import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.List;

/**
 * Iteration: 5 to 10 failed logins of a user, then a successful one, all within a minute — a
 * password being guessed. The loop is greedy (it takes every failure it can, up to 10), and one
 * alert is reported per burst (skip past the last event).
 */
public final class FailedLoginBurst {
  private FailedLoginBurst() {}

  /** A login attempt. */
  public record LoginAttempt(String user, boolean ok, long timeMillis) {}

  /** The pattern. */
  public static Pattern<LoginAttempt> pattern() {
    return Pattern.<LoginAttempt>begin("failed").where(a -> !a.ok()).times(5, 10).greedy()
        .followedBy("success").where(LoginAttempt::ok)
        .within(Duration.ofMinutes(1))
        .afterMatch(AfterMatchSkipStrategy.skipPastLastEvent());
  }

  /** Runs the pattern over {@code attempts}; one line per alert. */
  public static List<String> alerts(List<LoginAttempt> attempts) throws Exception {
    return PipelineRuns.collect(p -> Cep.on(
            p.source(Sources.fromList("logins", attempts))
                .withTimestamps(LoginAttempt::timeMillis, 0)
                .keyBy(LoginAttempt::user))
        .pattern(pattern())
        .select((user, m) -> user + ": " + m.events("failed").size()
            + " failed logins from " + m.first("failed").timeMillis() + ", then success at "
            + m.first("success").timeMillis())
        .matches());
  }

  /** The seed scenario. */
  public static List<LoginAttempt> scenario() {
    List<LoginAttempt> a = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      a.add(new LoginAttempt("ann", false, i * 5_000L)); // 6 failures in 25 s
    }
    a.add(new LoginAttempt("ann", true, 40_000)); // alert: 6 failures then success
    for (int i = 0; i < 3; i++) {
      a.add(new LoginAttempt("ben", false, i * 1_000L)); // only 3
    }
    a.add(new LoginAttempt("ben", true, 5_000));
    for (int i = 0; i < 12; i++) {
      a.add(new LoginAttempt("cid", false, 100_000 + i * 2_000L)); // 12 failures in 22 s
    }
    a.add(new LoginAttempt("cid", true, 130_000)); // alert: the first 10, then success
    for (int i = 0; i < 5; i++) {
      a.add(new LoginAttempt("dee", false, i * 10_000L));
    }
    a.add(new LoginAttempt("dee", true, 70_000)); // 70 s after the first failure: too late
    a.sort(java.util.Comparator.comparingLong(LoginAttempt::timeMillis));
    return a;
  }

  /** Prints the alerts of the seed scenario. */
  public static void main(String[] args) throws Exception {
    alerts(scenario()).forEach(System.out::println);
  }
}
