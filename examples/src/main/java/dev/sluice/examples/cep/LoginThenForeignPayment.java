package dev.sluice.examples.cep;

import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.List;

/**
 * Sequence: a login from the US, then a payment from another country on the same account
 * within 5 minutes — a card used abroad right after a home login.
 */
public final class LoginThenForeignPayment {
  private LoginThenForeignPayment() {}

  /** A login or a payment on an account. */
  public record AccountEvent(String account, String kind, String country, long timeMillis) {}

  /** The pattern. */
  public static Pattern<AccountEvent> pattern() {
    return Pattern.<AccountEvent>begin("login")
        .where(e -> e.kind().equals("login") && e.country().equals("US"))
        .followedBy("payment")
        .where(e -> e.kind().equals("payment") && !e.country().equals("US"))
        .within(Duration.ofMinutes(5));
  }

  /** Runs the pattern over {@code events}; one line per alert. */
  public static List<String> alerts(List<AccountEvent> events) throws Exception {
    return PipelineRuns.collect(p -> Cep.on(
            p.source(Sources.fromList("account-events", events))
                .withTimestamps(AccountEvent::timeMillis, 1_000)
                .keyBy(AccountEvent::account))
        .pattern(pattern())
        .select((account, m) -> account + ": US login at " + m.first("login").timeMillis()
            + ", payment in " + m.first("payment").country() + " at "
            + m.first("payment").timeMillis())
        .matches());
  }

  /** The seed scenario. */
  public static List<AccountEvent> scenario() {
    long min = 60_000;
    return List.of(
        new AccountEvent("acct-1", "login", "US", 0),
        new AccountEvent("acct-2", "login", "US", 10_000),
        new AccountEvent("acct-3", "login", "DE", 20_000),
        new AccountEvent("acct-1", "payment", "US", min),
        new AccountEvent("acct-1", "payment", "FR", 2 * min), // alert: 2 min after the login
        new AccountEvent("acct-3", "payment", "FR", 3 * min), // not after a US login
        new AccountEvent("acct-2", "payment", "BR", 6 * min)); // too late: 5 min 50 s
  }

  /** Prints the alerts of the seed scenario. */
  public static void main(String[] args) throws Exception {
    alerts(scenario()).forEach(System.out::println);
  }
}
