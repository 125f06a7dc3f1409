package dev.sluice.examples.cep;

import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.List;

/**
 * Temporal sequence: market open, then a price update, then a trade of the same symbol, all
 * within one second.
 */
public final class MarketOpenPriceTrade {
  private MarketOpenPriceTrade() {}

  /** A market event of a symbol. */
  public record MarketEvent(String symbol, String kind, double price, long timeMillis) {}

  /** The pattern. */
  public static Pattern<MarketEvent> pattern() {
    return Pattern.<MarketEvent>begin("open").where(e -> e.kind().equals("open"))
        .followedBy("price").where(e -> e.kind().equals("price"))
        .followedBy("trade").where(e -> e.kind().equals("trade"))
        .within(Duration.ofSeconds(1));
  }

  /** Runs the pattern over {@code events}; one line per match. */
  public static List<String> matches(List<MarketEvent> events) throws Exception {
    return PipelineRuns.collect(p -> Cep.on(
            p.source(Sources.fromList("market", events))
                .withTimestamps(MarketEvent::timeMillis, 100)
                .keyBy(MarketEvent::symbol))
        .pattern(pattern())
        .select((symbol, m) -> symbol + ": open " + m.first("open").timeMillis() + ", price "
            + m.first("price").price() + " at " + m.first("price").timeMillis() + ", trade at "
            + m.first("trade").timeMillis())
        .matches());
  }

  /** The seed scenario. */
  public static List<MarketEvent> scenario() {
    return List.of(
        new MarketEvent("AAA", "open", 0, 0),
        new MarketEvent("BBB", "open", 0, 0),
        new MarketEvent("CCC", "open", 0, 0),
        new MarketEvent("AAA", "price", 10.5, 200),
        new MarketEvent("CCC", "trade", 0, 300), // a trade before any price
        new MarketEvent("BBB", "price", 20.0, 500),
        new MarketEvent("CCC", "price", 30.0, 600),
        new MarketEvent("AAA", "trade", 0, 700), // match: 700 ms after the open
        new MarketEvent("BBB", "trade", 0, 1_200)); // 1.2 s after the open: too late
  }

  /** Prints the matches of the seed scenario. */
  public static void main(String[] args) throws Exception {
    matches(scenario()).forEach(System.out::println);
  }
}
