package dev.sluice.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edge utilisation of a completely backed-up edge (a sink that takes nothing): it reads 1 and the
 * buffer-utilisation alert fires, at the default capacity and at a capacity of at most one
 * batch; once the sink takes events again the edge empties.
 */
class EdgeUtilisationTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  /** Refuses every offer until {@link #open} is set. */
  static final class GatedSink implements Sink<Long> {
    volatile boolean open;

    @Override
    public String name() {
      return "gated";
    }

    @Override
    public SinkWriter<Long> createWriter(int instanceIndex, int parallelism) {
      return (event, timestamp) -> open;
    }
  }

  private Job backedUp(GatedSink sink, int capacity) throws InterruptedException {
    Pipeline p = Pipeline.create();
    long[] next = new long[1];
    var sinkStage =
        p.source(Sources.generator("numbers", () -> next[0]++, 1_000_000L))
            .map(x -> x)
            .named("parse")
            .sink(sink);
    if (capacity > 0) {
      sinkStage.queueCapacity(capacity);
    } else {
      sinkStage.backpressure(dev.sluice.core.BackpressureStrategy.BLOCK); // own queue, default size
    }
    Job job = engine.submit(p, "backed-up");
    // backed up once the source stops producing
    long previous = -1;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(50);
      long out = job.counts("numbers").out();
      if (out == previous) {
        break;
      }
      previous = out;
    }
    return job;
  }

  private void assertReadsFull(int capacity, long expectedCapacity) throws Exception {
    GatedSink sink = new GatedSink();
    Job job = backedUp(sink, capacity);
    EngineSnapshot s = engine.snapshot();
    EdgeSnapshot edge = s.jobs().get(0).edges().get(0);
    assertThat(edge.from()).isEqualTo("parse");
    assertThat(edge.to()).isEqualTo("gated");
    assertThat(edge.capacityEvents()).isEqualTo(expectedCapacity);
    assertThat(edge.queuedEvents()).as(edge.toString()).isGreaterThanOrEqualTo(expectedCapacity);
    assertThat(edge.utilisation()).as(edge.toString()).isEqualTo(1.0);
    List<AlertEvent> alerts =
        new AlertMonitor().bufferUtilisation("backpressure", 0.9, 0.5).evaluate(s);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlertEvent.State.RAISED);
              assertThat(a.subject()).isEqualTo("parse->gated");
            });
    sink.open = true;
    job.cancel();
    job.join(Duration.ofSeconds(20));
  }

  @Test
  void backedUpEdgeAtDefaultCapacityReadsFull() throws Exception {
    assertReadsFull(0, 1024);
  }

  @Test
  void backedUpEdgeOfAtMostOneBatchReadsFull() throws Exception {
    assertReadsFull(100, 100); // below the default batch of 256: one batch of 100
  }

  @Test
  void drainedEdgeReadsEmpty() throws Exception {
    GatedSink sink = new GatedSink();
    Job job = backedUp(sink, 0);
    sink.open = true;
    job.join(Duration.ofSeconds(60));
    EdgeSnapshot edge = engine.snapshot().jobs().get(0).edges().get(0);
    assertThat(edge.queuedEvents()).isZero();
    assertThat(edge.utilisation()).isZero();
  }
}
