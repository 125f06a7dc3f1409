package dev.sluice.examples;

import dev.sluice.cep.join.Joins;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Enriching a click stream with user details, the seeds' second join example, twice: from a
 * static user table (a map), and from a changelog of user updates (Kafka Streams' KStream–KTable
 * join), where a click waits for its user's row if that row has not arrived yet.
 *
 * <p>Usage: {@code UserEnrichment} (prints both enriched streams).
 */
public final class UserEnrichment {

  /** A click of user {@code userId} on {@code page}. */
  public record Click(String userId, String page, long timeMillis) {}

  /** A user's row; in the changelog, {@code deleted} marks a deletion. */
  public record User(String userId, String name, String tier, boolean deleted) {}

  /** A click with its user, or with {@code null} when the user is unknown (left join). */
  public record EnrichedClick(Click click, User user) {
    @Override
    public String toString() {
      return click.page() + " by " + (user == null ? "unknown user " + click.userId() : user.name()
          + " (" + user.tier() + ")");
    }
  }

  private UserEnrichment() {}

  /** Left join of {@code clicks} with a fixed user table. */
  public static List<EnrichedClick> withStaticTable(
      Engine engine, List<Click> clicks, Map<String, User> users) throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<EnrichedClick> out = Sinks.collect("enriched");
    Stage<Click> stream = p.source(Sources.fromIterable("clicks", clicks));
    Joins.enrich(stream, Click::userId)
        .withMap(users)
        .left()
        .apply("clicks-with-users", EnrichedClick::new)
        .sink(out);
    engine.submit(p, "enrich-static").join(Duration.ofMinutes(1));
    return out.items();
  }

  /**
   * Inner join of {@code clicks} with the table kept from {@code userChanges}: a click whose user
   * row is not there yet waits for it (up to the end of input here); deleted users stop matching.
   */
  public static List<EnrichedClick> withChangelog(
      Engine engine, List<Click> clicks, List<User> userChanges) throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<EnrichedClick> out = Sinks.collect("enriched");
    Stage<Click> stream =
        p.source(Sources.fromIterable("clicks", clicks)).withTimestamps(Click::timeMillis, 1_000);
    Stage<User> changes =
        p.source(Sources.fromIterable("user-changes", userChanges)).withTimestamps(u -> 0L, 0);
    Joins.enrich(stream, Click::userId)
        .withChangelog(changes, User::userId, u -> u.deleted() ? null : u)
        .waitForRow(ChronoUnit.FOREVER.getDuration())
        .apply("clicks-with-users", EnrichedClick::new)
        .sink(out);
    engine.submit(p, "enrich-changelog").join(Duration.ofMinutes(1));
    return out.items();
  }

  static final List<Click> CLICKS =
      List.of(
          new Click("u1", "/home", 1_000),
          new Click("u2", "/pricing", 2_000),
          new Click("u9", "/signup", 3_000),
          new Click("u1", "/checkout", 4_000));

  static final Map<String, User> USERS =
      Map.of(
          "u1", new User("u1", "Ada", "premium", false),
          "u2", new User("u2", "Bram", "standard", false));

  /** Runs both joins on the sample and prints the results. */
  public static void main(String[] args) throws Exception {
    try (Engine engine = Engine.create()) {
      System.out.println("static table, left join:");
      withStaticTable(engine, CLICKS, USERS).forEach(c -> System.out.println("  " + c));
      System.out.println("changelog table, inner join:");
      withChangelog(
              engine,
              CLICKS,
              List.of(USERS.get("u1"), USERS.get("u2"), new User("u9", "Cleo", "trial", false)))
          .forEach(c -> System.out.println("  " + c));
    }
  }
}
