package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_SLIDE_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_WINDOW_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q7_WINDOW_MILLIS;

import dev.sluice.cep.Cep;
import dev.sluice.cep.Pattern;
import dev.sluice.core.Engine;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Stage;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import dev.sluice.windowing.aggregate.Aggregations;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;

/**
 * The Sluice versions of the benchmark queries, built on the public API only: a {@link
 * ParallelArraySource}, {@code withTimestamps}, keyed operators written by hand and a {@link
 * DigestSink}. These are the references the windowing and CEP libraries must be at least as fast
 * as.
 *
 * <p>Library forms plug in beside these: a method building the same query with the library's
 * API into the same kind of pipeline (same source, parallelism and sink), returning the same
 * {@link ResultDigest}, so the cross-check test and the benchmarks can call it like the others.
 *
 * <p>Each method builds a new {@link Pipeline}; a pipeline can be submitted any number of times
 * (reset the sink between runs).
 */
public final class SluiceQueries {
  private SluiceQueries() {}

  /**
   * Q5 by hand: {@code source → withTimestamps → keyBy(auction) → HotItemsCountOperator →
   * keyBy(window end) → HotItemsMaxOperator → sink}, every stage at {@code parallelism}.
   */
  public static Pipeline q5HandWritten(
      NexmarkEvents events, int parallelism, DigestSink<HotItem> sink) {
    Pipeline p = Pipeline.create();
    p.source(new ParallelArraySource<>("bids", events.bids()))
        .parallelism(parallelism)
        .withTimestamps(Bid::getDateTime, events.maxOutOfOrdernessMillis())
        .keyBy((Bid b) -> b.auction)
        .customOperator("q5-count-per-auction", HotItemsCountOperator::new)
        .parallelism(parallelism)
        .keyBy((HotItem h) -> h.windowEnd)
        .customOperator("q5-max-per-window", HotItemsMaxOperator::new)
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }

  /**
   * Q7 by hand: {@code source → withTimestamps → keyBy(window end) → HighestBidOperator → sink},
   * every stage at {@code parallelism}.
   */
  public static Pipeline q7HandWritten(
      NexmarkEvents events, int parallelism, DigestSink<HighestBid> sink) {
    Pipeline p = Pipeline.create();
    p.source(new ParallelArraySource<>("bids", events.bids()))
        .parallelism(parallelism)
        .withTimestamps(Bid::getDateTime, events.maxOutOfOrdernessMillis())
        .keyBy(HighestBidOperator::windowEnd)
        .customOperator("q7-highest-bid", HighestBidOperator::new)
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }

  /**
   * Q5 with the windowing library: {@code source → withTimestamps → keyByLong(auction) → sliding
   * window (10 s by 2 s) counting bids → windowAll tumbling 2 s keeping the auction with most bids
   * (pre-aggregated per instance, combined at parallelism 1) → sink}. Every window of the first
   * stage ends on a multiple of the slide and its results carry the time end − 1, so the
   * tumbling 2 s window ending there collects exactly that window's counts (as in Jet's Q5).
   */
  public static Pipeline q5Library(NexmarkEvents events, int parallelism, DigestSink<HotItem> sink) {
    Pipeline p = Pipeline.create();
    Stage<Bid> bids =
        p.source(new ParallelArraySource<>("bids", events.bids()))
            .parallelism(parallelism)
            .withTimestamps(Bid::getDateTime, events.maxOutOfOrdernessMillis());
    Stage<WindowResult<Long, Long>> counts =
        Windowing.of(bids.keyByLong((Bid b) -> b.auction))
            .window(SlidingWindows.ofMillis(Q5_WINDOW_MILLIS, Q5_SLIDE_MILLIS))
            .named("q5-count-per-auction")
            .aggregate(Aggregations.counting())
            .parallelism(parallelism);
    Windowing.of(counts)
        .windowAll(TumblingWindows.ofMillis(Q5_SLIDE_MILLIS))
        .named("q5-max-per-window")
        .aggregate(Aggregations.maxBy(HOT_ITEM_ORDER))
        .map(r -> new HotItem(r.end(), r.value().key(), r.value().value()))
        .sink(sink);
    return p;
  }

  /** Q5's order of one window's counts: more bids first, then the smaller auction id. */
  private static final Comparator<WindowResult<Long, Long>> HOT_ITEM_ORDER =
      (a, b) -> {
        long ca = a.value();
        long cb = b.value();
        long aa = a.key();
        long ab = b.key();
        if (ca == cb && aa == ab) {
          return 0;
        }
        return HotItem.ranksAbove(ca, aa, cb, ab) ? 1 : -1;
      };

  /**
   * Q7 with the windowing library: {@code source → withTimestamps → windowAll tumbling 10 s
   * keeping the highest bid (pre-aggregated per instance, combined at parallelism 1) → sink}.
   */
  public static Pipeline q7Library(
      NexmarkEvents events, int parallelism, DigestSink<HighestBid> sink) {
    Pipeline p = Pipeline.create();
    Stage<Bid> bids =
        p.source(new ParallelArraySource<>("bids", events.bids()))
            .parallelism(parallelism)
            .withTimestamps(Bid::getDateTime, events.maxOutOfOrdernessMillis());
    Windowing.of(bids)
        .windowAll(TumblingWindows.ofMillis(Q7_WINDOW_MILLIS))
        .named("q7-highest-bid")
        .aggregate(Aggregations.maxBy(HighestBid::compare))
        .map(r -> HighestBid.of(r.end(), r.value()))
        .sink(sink);
    return p;
  }

  /**
   * "A followed by B within 5 s" by hand: {@code source → withTimestamps → keyBy(key) →
   * FollowedByOperator → sink}, every stage at {@code parallelism}.
   */
  public static Pipeline cepHandWritten(
      CepEvents events, int parallelism, DigestSink<CepMatch> sink) {
    Pipeline p = Pipeline.create();
    p.source(new ParallelArraySource<>("events", events.events()))
        .parallelism(parallelism)
        .withTimestamps(CepEvent::getTime, events.maxOutOfOrdernessMillis())
        .keyBy((CepEvent e) -> e.key)
        .customOperator("a-followed-by-b", FollowedByOperator::new)
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }

  /**
   * "A followed by B within 5 s" with the CEP library (engine-cep): {@code source →
   * withTimestamps → keyBy(key) → Cep pattern → sink}, every stage at {@code parallelism}.
   */
  public static Pipeline cepLibrary(CepEvents events, int parallelism, DigestSink<CepMatch> sink) {
    Pattern<CepEvent> pattern = Pattern.<CepEvent>begin("a").where(e -> e.type == CepEvent.A)
        .followedBy("b").where(e -> e.type == CepEvent.B)
        .within(Duration.ofMillis(CepMatch.WITHIN_MILLIS));
    Pipeline p = Pipeline.create();
    Cep.on(p.source(new ParallelArraySource<>("events", events.events()))
            .parallelism(parallelism)
            .withTimestamps(CepEvent::getTime, events.maxOutOfOrdernessMillis())
            .keyBy((CepEvent e) -> e.key))
        .pattern(pattern)
        .eventCodec(CEP_EVENT_CODEC)
        .named("a-followed-by-b-cep")
        .select((Long key, dev.sluice.cep.Match<CepEvent> m) ->
            new CepMatch(key, m.timeOf(0), m.timeOf(1)))
        .matches()
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }

  /** Writes a {@link CepEvent} into state snapshots: key, type, time. */
  static final StateCodec<CepEvent> CEP_EVENT_CODEC = new StateCodec<>() {
    @Override
    public void encode(CepEvent e, DataOutput out) throws IOException {
      out.writeLong(e.key);
      out.writeInt(e.type);
      out.writeLong(e.time);
    }

    @Override
    public CepEvent decode(DataInput in) throws IOException {
      return new CepEvent(in.readLong(), in.readInt(), in.readLong());
    }

    @Override
    public String formatId() {
      return "bench-cep-event/v1";
    }
  };

  /**
   * Runs {@code pipeline} on {@code engine} to its end and returns what {@code sink} received.
   *
   * @throws Exception if the job fails or does not end within 10 minutes
   */
  public static ResultDigest run(Engine engine, Pipeline pipeline, DigestSink<?> sink)
      throws Exception {
    sink.reset();
    engine.submit(pipeline).join(Duration.ofMinutes(10));
    return sink.digest();
  }
}
