package dev.sluice.bench.core;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * NEXMark Q1 (keep the bids, convert each price: {@code price * 89 / 100} into a new bid) through
 * a source and a sink written by the user against the public API ({@link ParallelArraySource},
 * {@link UserCountingSink}), beside Reactor doing the same filter and map over the same array on
 * one thread. Each Sluice invocation submits and joins a whole job. Score: input events/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NexmarkQ1Bench {
  static final int N = 1 << 21;

  /** The events, shared by both sides. */
  @State(Scope.Benchmark)
  public static class Events {
    Object[] events;

    @Setup(Level.Trial)
    public void setup() {
      events = NexmarkEvent.generate(N, 7);
    }
  }

  /** The Sluice job: the user's source at {@code parallelism}, fused with filter, map and sink. */
  @State(Scope.Benchmark)
  public static class SluiceJob {
    /** Instances of the fused source → filter → map → sink chain (the machine has 2 cores). */
    @Param({"1", "2"})
    public int parallelism;

    Engine engine;
    Pipeline pipeline;
    UserCountingSink<Bid> sink;

    @Setup(Level.Trial)
    public void setup(Events e) {
      engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
      sink = new UserCountingSink<>();
      pipeline = Pipeline.create();
      pipeline
          .source(new ParallelArraySource<>("events", e.events))
          .parallelism(parallelism)
          .filter(x -> x instanceof Bid)
          .map(x -> NexmarkEvent.toEuros((Bid) x))
          .sink(sink);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long sluiceUserSource(SluiceJob job) throws Exception {
    job.sink.reset();
    job.engine.submit(job.pipeline).join(Duration.ofMinutes(1));
    return job.sink.total();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long reactor(Events e) {
    long[] count = new long[1];
    Flux.fromArray(e.events)
        .filter(x -> x instanceof Bid)
        .map(x -> NexmarkEvent.toEuros((Bid) x))
        .subscribe(
            new BaseSubscriber<Bid>() {
              @Override
              protected void hookOnSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              protected void hookOnNext(Bid value) {
                count[0]++;
              }
            });
    return count[0];
  }
}
