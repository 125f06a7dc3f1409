package dev.sluice.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A reader's {@link SourceLag} reaches the stage snapshot, summed over the instances. */
class SourceLagTest {

  /** A source of two instances whose lag is 1000 minus what instance i emitted, times i+1. */
  static final class Lagging implements Source<Long> {
    final AtomicLong emitted = new AtomicLong();

    @Override
    public String name() {
      return "lagging";
    }

    @Override
    public int maxParallelism() {
      return 2;
    }

    @Override
    public SourceReader<Long> createReader(int instanceIndex, int parallelism) {
      class Reader implements SourceReader<Long>, SourceLag {
        volatile long left = 1000L * (instanceIndex + 1);

        @Override
        public int read(SourceOutput<Long> output, int maxEvents) {
          if (left > 500L * (instanceIndex + 1)) { // stops halfway: the rest is "on the server"
            output.emit(left);
            left--;
            emitted.incrementAndGet();
            return 1;
          }
          return 0;
        }

        @Override
        public long lag() {
          return left;
        }
      }
      return new Reader();
    }
  }

  @Test
  void theStageSnapshotCarriesTheSumOfTheReadersLags() throws Exception {
    Lagging source = new Lagging();
    Pipeline p = Pipeline.create();
    p.source(source).parallelism(2).sink(Sinks.discard("out"));
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "lag");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (source.emitted.get() < 1500 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      StageSnapshot s = engine.snapshot().jobs().get(0).stage("lagging");
      assertThat(s.sourceLag()).isEqualTo(500 + 1000);
      assertThat(engine.snapshot().jobs().get(0).stage("out").sourceLag()).isEqualTo(-1);
      job.cancel();
    }
  }
}
