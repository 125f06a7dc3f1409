package dev.sluice.examples.cep;

import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.List;

/**
 * Negation: an add-to-cart not followed by a checkout within an hour, reported when the hour
 * expires (when the watermark passes it).
 */
public final class AbandonedCart {
  private AbandonedCart() {}

  /** A shop event of a session. */
  public record ShopEvent(String session, String kind, long timeMillis) {}

  /** The pattern. */
  public static Pattern<ShopEvent> pattern() {
    return Pattern.<ShopEvent>begin("add").where(e -> e.kind().equals("add-to-cart"))
        .notFollowedBy("checkout").where(e -> e.kind().equals("checkout"))
        .within(Duration.ofHours(1));
  }

  /** Runs the pattern over {@code events}; one line per abandoned cart, with its report time. */
  public static List<String> abandoned(List<ShopEvent> events) throws Exception {
    return PipelineRuns.collect(p -> Cep.on(
            p.source(Sources.fromList("shop", events))
                .withTimestamps(ShopEvent::timeMillis, 1_000)
                .keyBy(ShopEvent::session))
        .pattern(pattern())
        .select((session, m) -> session + ": cart from " + m.first("add").timeMillis()
            + " abandoned")
        .matches());
  }

  /** The seed scenario. */
  public static List<ShopEvent> scenario() {
    long min = 60_000;
    return List.of(
        new ShopEvent("s1", "add-to-cart", 0),
        new ShopEvent("s2", "add-to-cart", min),
        new ShopEvent("s3", "add-to-cart", 2 * min),
        new ShopEvent("s1", "checkout", 20 * min), // s1 bought
        new ShopEvent("s2", "view", 30 * min), // s2 abandoned at 61 min
        new ShopEvent("s3", "checkout", 70 * min)); // s3 checked out too late: abandoned
  }

  /** Prints the abandoned carts of the seed scenario. */
  public static void main(String[] args) throws Exception {
    abandoned(scenario()).forEach(System.out::println);
  }
}
