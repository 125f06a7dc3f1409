package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_SLIDE_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_WINDOW_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q7_WINDOW_MILLIS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.AllWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Flink 2.x running the benchmark queries with its DataStream and CEP APIs in a local
 * environment (a MiniCluster in this JVM, started and stopped by every job, as {@code
 * env.execute()} does) at {@code parallelism}, with object reuse on (Flink's usual tuning for
 * throughput) and every listening socket on 127.0.0.1. Sources are {@link FlinkArraySource}s over the same pre-generated arrays;
 * watermarks are bounded out-of-orderness with the generator's bound.
 *
 * <p><b>Threading:</b> each query blocks its caller until the job ends.
 */
public final class FlinkPeer {
  private final int parallelism;

  /** Runs queries at {@code parallelism}. */
  public FlinkPeer(int parallelism) {
    this.parallelism = parallelism;
  }

  private StreamExecutionEnvironment environment() {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    // the MiniCluster's BLOB server and REST endpoint listen on loopback only
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
  }

  private static <T> WatermarkStrategy<T> watermarks(
      long bound, org.apache.flink.api.common.eventtime.SerializableTimestampAssigner<T> time) {
    return WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMillis(bound))
        .withTimestampAssigner(time);
  }

  private static ResultDigest execute(
      StreamExecutionEnvironment env, String job, String digestId, String... arrayIds)
      throws Exception {
    try {
      env.execute(job);
      return InMemoryData.takeDigest(digestId);
    } finally {
      for (String id : arrayIds) {
        InMemoryData.release(id);
      }
    }
  }

  /** Q5: a sliding count per auction, then the best per window (keyed by window end). */
  public ResultDigest q5(NexmarkEvents events) throws Exception {
    String bids = InMemoryData.register(events.bids());
    String digest = InMemoryData.openDigest();
    StreamExecutionEnvironment env = environment();
    env.fromSource(
            new FlinkArraySource<Bid>(bids),
            watermarks(events.maxOutOfOrdernessMillis(), (Bid b, long ts) -> b.dateTime),
            "bids",
            TypeInformation.of(Bid.class))
        .keyBy((Bid b) -> b.auction, Types.LONG)
        .window(
            SlidingEventTimeWindows.of(
                Duration.ofMillis(Q5_WINDOW_MILLIS), Duration.ofMillis(Q5_SLIDE_MILLIS)))
        .aggregate(new CountBids(), new ToHotItem())
        .keyBy((HotItem h) -> h.windowEnd, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(Q5_SLIDE_MILLIS)))
        .reduce(HotItem::better)
        .sinkTo(new FlinkDigestSink<>(digest, HotItem::digest));
    return execute(env, "q5", digest, bids);
  }

  /** Q7: {@code windowAll} over tumbling windows reducing to the highest bid. */
  public ResultDigest q7(NexmarkEvents events) throws Exception {
    String bids = InMemoryData.register(events.bids());
    String digest = InMemoryData.openDigest();
    StreamExecutionEnvironment env = environment();
    env.fromSource(
            new FlinkArraySource<Bid>(bids),
            watermarks(events.maxOutOfOrdernessMillis(), (Bid b, long ts) -> b.dateTime),
            "bids",
            TypeInformation.of(Bid.class))
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(Q7_WINDOW_MILLIS)))
        .reduce(HighestBid::higher, new ToHighestBid(), TypeInformation.of(HighestBid.class))
        .sinkTo(new FlinkDigestSink<>(digest, HighestBid::digest));
    return execute(env, "q7", digest, bids);
  }

  /** CEP: {@code begin(a).followedBy(b).within(5 s)} on a stream keyed by key, in event time. */
  public ResultDigest cep(CepEvents events) throws Exception {
    String input = InMemoryData.register(events.events());
    String digest = InMemoryData.openDigest();
    StreamExecutionEnvironment env = environment();
    DataStream<CepEvent> stream =
        env.fromSource(
            new FlinkArraySource<CepEvent>(input),
            watermarks(events.maxOutOfOrdernessMillis(), (CepEvent e, long ts) -> e.time),
            "events",
            TypeInformation.of(CepEvent.class));
    Pattern<CepEvent, CepEvent> pattern =
        Pattern.<CepEvent>begin("a")
            .where(SimpleCondition.of((CepEvent e) -> e.type == CepEvent.A))
            .followedBy("b")
            .where(SimpleCondition.of((CepEvent e) -> e.type == CepEvent.B))
            .within(Duration.ofMillis(CepMatch.WITHIN_MILLIS));
    CEP.pattern(stream.keyBy((CepEvent e) -> e.key, Types.LONG), pattern)
        .inEventTime()
        .process(new ToMatch(), TypeInformation.of(CepMatch.class))
        .sinkTo(new FlinkDigestSink<>(digest, CepMatch::digest));
    return execute(env, "cep", digest, input);
  }

  /** Counts bids. */
  static final class CountBids implements AggregateFunction<Bid, long[], Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(Bid value, long[] accumulator) {
      accumulator[0]++;
      return accumulator;
    }

    @Override
    public Long getResult(long[] accumulator) {
      return accumulator[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  /** Attaches the window end and auction to a count. */
  static final class ToHotItem extends ProcessWindowFunction<Long, HotItem, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Long auction, Context context, Iterable<Long> counts, Collector<HotItem> out) {
      out.collect(new HotItem(context.window().getEnd(), auction, counts.iterator().next()));
    }
  }

  /** Attaches the window end to the highest bid. */
  static final class ToHighestBid implements AllWindowFunction<Bid, HighestBid, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void apply(TimeWindow window, Iterable<Bid> highest, Collector<HighestBid> out) {
      out.collect(HighestBid.of(window.getEnd(), highest.iterator().next()));
    }
  }

  /** Turns a pattern match into a {@link CepMatch}. */
  static final class ToMatch extends PatternProcessFunction<CepEvent, CepMatch> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(
        Map<String, List<CepEvent>> match, Context ctx, Collector<CepMatch> out) {
      CepEvent a = match.get("a").get(0);
      CepEvent b = match.get("b").get(0);
      out.collect(new CepMatch(a.key, a.time, b.time));
    }
  }
}
