package dev.sluice.bench.core;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * The fused map → filter chain of {@link FusedChainBench}, beside Reactor, in a JVM that first ran
 * other pipelines: before measuring, each fork runs six pipeline shapes (different map, filter,
 * flatMap, mapMulti, peek and keyBy combinations, different lambdas, sources and sinks) through
 * Sluice, and comparable shapes through Reactor, until they are compiled. Shared call sites
 * (a stage calling its function or the next stage) have then seen many receivers, as in any
 * long-running application. Score: events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PollutedFusedChainBench {
  static final int N = 1 << 20;
  static final int POLLUTION_EVENTS = 1 << 16;
  static final int POLLUTION_ROUNDS = 40;

  Bid[] bids;
  Engine engine;
  CountingSink<Object> sink;
  Pipeline pipeline;
  /** Sinks of the pollution: results kept so that nothing is eliminated. */
  long polluted;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    bids = Bid.generate(N, 1);
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
    pollute();
    sink = Sinks.counting("count");
    pipeline = Pipeline.create();
    pipeline
        .source(new ArraySource<>("bids", bids, false))
        .map(b -> b.auction % 123 == 0 ? b.channel : b.channel)
        .filter(c -> c.length() > 3)
        .sink(sink);
  }

  /** Runs six other pipeline shapes, each many times, through both Sluice and Reactor. */
  private void pollute() throws Exception {
    Bid[] small = Arrays.copyOf(bids, POLLUTION_EVENTS);
    List<Bid> smallList = Arrays.asList(small);
    Long[] keys = new Long[100];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) i;
    }
    for (int round = 0; round < POLLUTION_ROUNDS; round++) {
      CountingSink<Object> count = Sinks.counting("count");
      UserCountingSink<Object> user = new UserCountingSink<>();

      Pipeline a = Pipeline.create();
      a.source(new ArraySource<>("a", small, false))
          .map(b -> b.price)
          .filter(p -> p > 5_000)
          .map(p -> p * 2)
          .sink(count);
      Pipeline b = Pipeline.create();
      b.source(Sources.fromIterable("b", smallList))
          .filter(x -> x.bidder % 3 == 0)
          .map(x -> x.channel)
          .peek(c -> {})
          .sink(user);
      Pipeline c = Pipeline.create();
      c.source(new ParallelArraySource<>("c", small))
          .parallelism(2)
          .flatMap(x -> List.of(x, x))
          .filter(x -> x.auction % 2 == 0)
          .sink(Sinks.discard("discard"));
      Pipeline d = Pipeline.create();
      d.source(new ArraySource<>("d", small, false))
          .mapMulti((Bid x, Consumer<Object> out) -> {
            out.accept(x.bidder);
            if (x.price > 9_000) {
              out.accept(x.auction);
            }
          })
          .map(Object::hashCode)
          .filter(h -> (h & 1) == 0)
          .sink(count);
      Pipeline e = Pipeline.create();
      e.source(new ArraySource<>("e", small, false))
          .keyBy(x -> keys[(int) (x.auction % keys.length)])
          .rollingAggregate(AggregateOperations.counting())
          .map(kv -> kv.value())
          .sink(user);
      Pipeline f = Pipeline.create();
      f.source(Sources.fromIterable("f", smallList))
          .map(x -> x.dateTime)
          .filter(t -> t % 7 != 0)
          .map(t -> Long.toString(t))
          .filter(s -> !s.isEmpty())
          .sink(count);
      for (Pipeline p : List.of(a, b, c, d, e, f)) {
        engine.submit(p).join(Duration.ofMinutes(1));
      }
      polluted += count.count() + user.total();

      polluted += drain(Flux.fromArray(small).map(x -> x.price).filter(p -> p > 5_000).map(p -> p * 2));
      polluted += drain(Flux.fromIterable(smallList).filter(x -> x.bidder % 3 == 0).map(x -> x.channel)
          .doOnNext(s -> {}));
      polluted += drain(Flux.fromArray(small).flatMapIterable(x -> List.of(x, x))
          .filter(x -> x.auction % 2 == 0));
      polluted += drain(Flux.fromArray(small).<Object>handle((x, out) -> out.next(x.bidder))
          .map(Object::hashCode).filter(h -> (h & 1) == 0));
      polluted += drain(Flux.fromArray(small).map(x -> x.dateTime).filter(t -> t % 7 != 0)
          .map(t -> Long.toString(t)).filter(s -> !s.isEmpty()));
      polluted += drain(Flux.fromIterable(smallList).map(x -> keys[(int) (x.auction % keys.length)])
          .filter(k -> k > 10).map(k -> k + 1));
    }
  }

  private static long drain(Flux<?> flux) {
    long[] n = new long[1];
    flux.subscribe(
        new BaseSubscriber<Object>() {
          @Override
          protected void hookOnSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          protected void hookOnNext(Object value) {
            n[0]++;
          }
        });
    return n[0];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long sluice() throws Exception {
    sink.reset();
    engine.submit(pipeline).join(Duration.ofMinutes(1));
    return sink.count();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long reactor() {
    return ReactorMapFilter.count(bids);
  }
}
