package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_SLIDE_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_WINDOW_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q7_WINDOW_MILLIS;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.ComparatorEx;
import com.hazelcast.function.ToLongFunctionEx;
import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.aggregate.AggregateOperations;
import com.hazelcast.jet.datamodel.KeyedWindowResult;
import com.hazelcast.jet.datamodel.Tuple2;
import com.hazelcast.jet.pipeline.BatchSource;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.jet.pipeline.StreamStageWithKey;
import com.hazelcast.jet.pipeline.WindowDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast Jet (the Jet engine inside Hazelcast 5.x) embedded in this JVM, running the
 * benchmark queries with its pipeline API on the same pre-generated arrays.
 *
 * <p>One member, bound to 127.0.0.1 with every discovery mechanism off, {@code parallelism}
 * cooperative threads; sources are {@code distributed(parallelism)}, processor {@code i} of
 * {@code p} reading elements {@code i, i + p, …} of the array (as {@link ParallelArraySource}).
 * Starting a member takes seconds: create one per benchmark trial and run many jobs on it.
 *
 * <p><b>Threading:</b> queries may be called from any thread, one at a time.
 */
public final class JetPeer implements AutoCloseable {
  private static final ComparatorEx<KeyedWindowResult<Long, Long>> HOT_ITEM_ORDER =
      JetPeer::compareHotItems;
  private static final ComparatorEx<Bid> BID_ORDER = HighestBid::compare;

  private final HazelcastInstance member;
  private final int parallelism;

  private JetPeer(HazelcastInstance member, int parallelism) {
    this.member = member;
    this.parallelism = parallelism;
  }

  /** Starts a member with {@code parallelism} cooperative threads. */
  public static JetPeer start(int parallelism) {
    System.setProperty("hazelcast.logging.type", "none");
    Config config = new Config();
    config.setClusterName("sluice-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getJetConfig().setEnabled(true).setCooperativeThreadCount(parallelism);
    NetworkConfig network = config.getNetworkConfig();
    network.setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    return new JetPeer(Hazelcast.newHazelcastInstance(config), parallelism);
  }

  @Override
  public void close() {
    member.shutdown();
  }

  private ResultDigest run(Pipeline pipeline, String digestId, String... arrayIds) {
    try {
      member.getJet().newJob(pipeline).join();
      return InMemoryData.takeDigest(digestId);
    } finally {
      for (String id : arrayIds) {
        InMemoryData.release(id);
      }
    }
  }

  /** Q5: sliding count per auction, then the maximum per window. */
  public ResultDigest q5(NexmarkEvents events) {
    String bids = InMemoryData.register(events.bids());
    String digest = InMemoryData.openDigest();
    Pipeline p = Pipeline.create();
    p.readFrom(this.<Bid>arraySource("bids", bids))
        .addTimestamps(Bid::getDateTime, events.maxOutOfOrdernessMillis())
        .window(WindowDefinition.sliding(Q5_WINDOW_MILLIS, Q5_SLIDE_MILLIS))
        .groupingKey(JetPeer::auctionOf)
        .aggregate(AggregateOperations.counting())
        .window(WindowDefinition.tumbling(Q5_SLIDE_MILLIS))
        .aggregate(AggregateOperations.maxBy(HOT_ITEM_ORDER))
        .map(r -> new HotItem(r.result().end(), r.result().key(), r.result().result()))
        .writeTo(digestSink(digest, HotItem::digest));
    return run(p, digest, bids);
  }

  /** Q7: the highest bid per tumbling window (non-keyed; Jet aggregates in two stages). */
  public ResultDigest q7(NexmarkEvents events) {
    String bids = InMemoryData.register(events.bids());
    String digest = InMemoryData.openDigest();
    Pipeline p = Pipeline.create();
    p.readFrom(this.<Bid>arraySource("bids", bids))
        .addTimestamps(Bid::getDateTime, events.maxOutOfOrdernessMillis())
        .window(WindowDefinition.tumbling(Q7_WINDOW_MILLIS))
        .aggregate(AggregateOperations.maxBy(BID_ORDER))
        .map(r -> HighestBid.of(r.end(), r.result()))
        .writeTo(digestSink(digest, HighestBid::digest));
    return run(p, digest, bids);
  }

  /**
   * Q3: persons in OR/ID/CA joined with the category-10 auctions they sell, not windowed: both
   * streams merged and keyed by person id; per key, state holds the person once seen and the
   * auctions that arrived before the person.
   */
  public ResultDigest q3(NexmarkEvents events) {
    String persons = InMemoryData.register(events.persons());
    String auctions = InMemoryData.register(events.auctions());
    String digest = InMemoryData.openDigest();
    Pipeline p = Pipeline.create();
    StreamStage<Object> personStage =
        p.readFrom(this.<Person>arraySource("persons", persons))
            .addTimestamps(x -> x.dateTime, events.maxOutOfOrdernessMillis())
            .filter(LocalItem::selects)
            .map(x -> (Object) x);
    StreamStage<Object> auctionStage =
        p.readFrom(this.<Auction>arraySource("auctions", auctions))
            .addTimestamps(x -> x.dateTime, events.maxOutOfOrdernessMillis())
            .filter(LocalItem::selects)
            .map(x -> (Object) x);
    personStage
        .merge(auctionStage)
        .groupingKey(JetPeer::sellerOf)
        .flatMapStateful(Q3State::new, Q3State::onItem)
        .writeTo(digestSink(digest, LocalItem::digest));
    return run(p, digest, persons, auctions);
  }

  /**
   * Q8: persons and auctions co-grouped per 10 s tumbling window on person id = seller, one
   * result per (person, auction) pair.
   */
  public ResultDigest q8(NexmarkEvents events) {
    String persons = InMemoryData.register(events.persons());
    String auctions = InMemoryData.register(events.auctions());
    String digest = InMemoryData.openDigest();
    long lag = events.maxOutOfOrdernessMillis();
    Pipeline p = Pipeline.create();
    StreamStageWithKey<Person, Long> personStage =
        p.readFrom(this.<Person>arraySource("persons", persons))
            .addTimestamps(x -> x.dateTime, lag)
            .groupingKey(x -> x.id);
    StreamStageWithKey<Auction, Long> auctionStage =
        p.readFrom(this.<Auction>arraySource("auctions", auctions))
            .addTimestamps(x -> x.dateTime, lag)
            .groupingKey(x -> x.seller);
    personStage
        .window(WindowDefinition.tumbling(NewUser.WINDOW_MILLIS))
        .aggregate2(AggregateOperations.toList(), auctionStage, AggregateOperations.toList())
        .flatMap(JetPeer::newUsers)
        .writeTo(digestSink(digest, NewUser::digest));
    return run(p, digest, persons, auctions);
  }

  private static Long auctionOf(Bid b) {
    return b.auction;
  }

  private static Long sellerOf(Object o) {
    return o instanceof Person ? ((Person) o).id : ((Auction) o).seller;
  }

  private static int compareHotItems(KeyedWindowResult<Long, Long> a, KeyedWindowResult<Long, Long> b) {
    if (a.result().longValue() == b.result().longValue()
        && a.key().longValue() == b.key().longValue()) {
      return 0;
    }
    return HotItem.ranksAbove(a.result(), a.key(), b.result(), b.key()) ? 1 : -1;
  }

  private static Traverser<NewUser> newUsers(
      KeyedWindowResult<Long, Tuple2<List<Person>, List<Auction>>> r) {
    List<Person> ps = r.result().f0();
    List<Auction> as = r.result().f1();
    if (ps.isEmpty() || as.isEmpty()) {
      return Traversers.empty();
    }
    List<NewUser> out = new ArrayList<>(ps.size() * as.size());
    for (Person person : ps) {
      for (Auction a : as) {
        out.add(new NewUser(r.end(), person.id, person.name, a.id));
      }
    }
    return Traversers.traverseIterable(out);
  }

  /** Per-key state of Jet's Q3. */
  static final class Q3State {
    private Person person;
    private List<Auction> waiting;

    Traverser<LocalItem> onItem(Long key, Object item) {
      if (item instanceof Person) {
        person = (Person) item;
        if (waiting == null) {
          return Traversers.empty();
        }
        List<LocalItem> out = new ArrayList<>(waiting.size());
        for (Auction a : waiting) {
          out.add(LocalItem.of(person, a));
        }
        waiting = null;
        return Traversers.traverseIterable(out);
      }
      Auction a = (Auction) item;
      if (person != null) {
        return Traversers.singleton(LocalItem.of(person, a));
      }
      if (waiting == null) {
        waiting = new ArrayList<>(2);
      }
      waiting.add(a);
      return Traversers.empty();
    }
  }

  /**
   * A batch source over a registered array, striped over the source processors. Jet's streaming
   * sources cannot end, so the benchmarks read a batch source and turn it into a stream with
   * {@code addTimestamps}: the job ends when the array is exhausted, and windows still open then
   * are emitted.
   */
  private <T> BatchSource<T> arraySource(String name, String arrayId) {
    return SourceBuilder.batch(
            name, ctx -> new Cursor<T>(arrayId, ctx.globalProcessorIndex(), ctx.totalParallelism()))
        .<T>fillBufferFn(
            (cursor, buffer) -> {
              T[] a = cursor.items;
              int i = cursor.next;
              int end = 0;
              while (end < 1024 && i < a.length) {
                buffer.add(a[i]);
                i += cursor.stride;
                end++;
              }
              cursor.next = i;
              if (i >= a.length) {
                buffer.close();
              }
            })
        .distributed(parallelism)
        .build();
  }

  private static final class Cursor<T> {
    final T[] items;
    final int stride;
    int next;

    Cursor(String arrayId, int first, int stride) {
      this.items = InMemoryData.array(arrayId);
      this.next = first;
      this.stride = stride;
    }
  }

  private static <T> Sink<T> digestSink(String digestId, ToLongFunctionEx<T> digest) {
    return SinkBuilder.sinkBuilder("digest", ctx -> new long[2])
        .<T>receiveFn(
            (acc, item) -> {
              acc[0]++;
              acc[1] += digest.applyAsLong(item);
            })
        .destroyFn(acc -> InMemoryData.addToDigest(digestId, acc[0], acc[1]))
        .build();
  }
}
