package dev.sluice.examples.cep;

import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.List;

/**
 * Conjunction: an admin API call and a query of the users table by the same user within 10
 * seconds, in either order.
 */
public final class AdminCallAndUsersQuery {
  private AdminCallAndUsersQuery() {}

  /** An audit-log line: who did what, when. */
  public record AuditEvent(String user, String action, long timeMillis) {}

  /** The pattern. */
  public static Pattern<AuditEvent> pattern() {
    return Pattern.beginAllOf(
            Pattern.<AuditEvent>event("admin-call").where(e -> e.action().equals("admin-api")),
            Pattern.<AuditEvent>event("users-query").where(e -> e.action().equals("select-users")))
        .within(Duration.ofSeconds(10));
  }

  /** Runs the pattern over {@code events}; one line per alert. */
  public static List<String> alerts(List<AuditEvent> events) throws Exception {
    return PipelineRuns.collect(p -> Cep.on(
            p.source(Sources.fromList("audit", events))
                .withTimestamps(AuditEvent::timeMillis, 2_000)
                .keyBy(AuditEvent::user))
        .pattern(pattern())
        .select((user, m) -> user + ": admin call at " + m.first("admin-call").timeMillis()
            + ", users query at " + m.first("users-query").timeMillis())
        .matches());
  }

  /** The seed scenario. */
  public static List<AuditEvent> scenario() {
    return List.of(
        new AuditEvent("alice", "select-users", 0),
        new AuditEvent("bob", "admin-api", 1_000),
        new AuditEvent("carol", "admin-api", 2_000),
        new AuditEvent("bob", "login", 2_500),
        new AuditEvent("alice", "admin-api", 4_000), // alert: query first, then the call
        new AuditEvent("carol", "select-users", 3_000), // alert (arrives out of order)
        new AuditEvent("bob", "select-users", 12_000)); // 11 s after the call: too late
  }

  /** Prints the alerts of the seed scenario. */
  public static void main(String[] args) throws Exception {
    alerts(scenario()).forEach(System.out::println);
  }
}
