package dev.sluice.bench.nexmark;

import dev.sluice.cep.join.Joins;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Stage;
import dev.sluice.windowing.TumblingWindows;
import java.time.temporal.ChronoUnit;

/**
 * Q3 and Q8 written with the join library of engine-cep ({@code dev.sluice.cep.join}), built like
 * {@link SluiceQueries}: a {@link ParallelArraySource} per input, {@code withTimestamps}, the join,
 * a {@link DigestSink}; every stage at {@code parallelism}. Run with {@link SluiceQueries#run}.
 */
public final class SluiceJoinQueries {
  private SluiceJoinQueries() {}

  /**
   * Q3 as a stream–table join: the selected auctions (category 10) enriched with their seller
   * from the changelog of selected persons (OR, ID, CA), each auction waiting for its seller's
   * row if it comes first (as Jet's version keeps auctions until their person arrives).
   */
  public static Pipeline q3JoinLibrary(
      NexmarkEvents events, int parallelism, DigestSink<LocalItem> sink) {
    Pipeline p = Pipeline.create();
    long lag = events.maxOutOfOrdernessMillis();
    Stage<Auction> auctions =
        p.source(new ParallelArraySource<>("auctions", events.auctions()))
            .parallelism(parallelism)
            .withTimestamps((Auction a) -> a.dateTime, lag)
            .filter(LocalItem::selects);
    Stage<Person> persons =
        p.source(new ParallelArraySource<>("persons", events.persons()))
            .parallelism(parallelism)
            .withTimestamps((Person x) -> x.dateTime, lag)
            .filter(LocalItem::selects);
    Joins.enrich(auctions, (Auction a) -> a.seller)
        .withChangelog(persons, (Person x) -> x.id, (Person x) -> x)
        .waitForRow(ChronoUnit.FOREVER.getDuration())
        .apply("q3-join", (Auction a, Person x) -> LocalItem.of(x, a))
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }

  /**
   * Q8 as an inner window join: persons keyed by id and auctions keyed by seller, joined per 10 s
   * tumbling window; one result per (person, auction) pair.
   */
  public static Pipeline q8JoinLibrary(
      NexmarkEvents events, int parallelism, DigestSink<NewUser> sink) {
    Pipeline p = Pipeline.create();
    long lag = events.maxOutOfOrdernessMillis();
    long w = NewUser.WINDOW_MILLIS;
    Stage<Person> persons =
        p.source(new ParallelArraySource<>("persons", events.persons()))
            .parallelism(parallelism)
            .withTimestamps((Person x) -> x.dateTime, lag);
    Stage<Auction> auctions =
        p.source(new ParallelArraySource<>("auctions", events.auctions()))
            .parallelism(parallelism)
            .withTimestamps((Auction a) -> a.dateTime, lag);
    Joins.join(persons.keyBy((Person x) -> x.id), auctions.keyBy((Auction a) -> a.seller))
        .window(TumblingWindows.ofMillis(w))
        .apply(
            "q8-join",
            (Person x, Auction a) ->
                new NewUser(Math.floorDiv(x.dateTime, w) * w + w, x.id, x.name, a.id))
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }
}
