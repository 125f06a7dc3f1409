package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobFailedException;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sinks;
import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sources and sinks restarted by their strategy inside a running job. */
class RestartTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  /** Emits 0..9 from where the last reader stopped; each of the first {@code failures} readers fails after one event. */
  static final class ResumingSource implements Source<Integer> {
    final AtomicInteger readers = new AtomicInteger();
    final int failures;
    int position;

    ResumingSource(int failures) {
      this.failures = failures;
    }

    @Override
    public String name() {
      return "resuming";
    }

    @Override
    public SourceReader<Integer> createReader(int i, int p) {
      int n = readers.incrementAndGet();
      return (SourceOutput<Integer> out, int max) -> {
        if (position >= 10) {
          return SourceReader.END;
        }
        out.emit(position++);
        if (n <= failures) {
          throw new IllegalStateException("connection lost (reader " + n + ")");
        }
        return 1;
      };
    }
  }

  @Test
  void aSourceRestartsAndResumes() throws Exception {
    ResumingSource source = new ResumingSource(3);
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(source).restart(RestartStrategy.immediate(3)).sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(20));
    assertThat(out.items()).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
    assertThat(source.readers.get()).isEqualTo(4);
  }

  @Test
  void aSourceFailingMoreThanAllowedFailsTheJob() {
    Pipeline p = Pipeline.create();
    p.source(new ResumingSource(5)).restart(RestartStrategy.immediate(2)).sink(Sinks.discard("d"));
    Job job = engine.submit(p);
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(20)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 'resuming'")
        .hasMessageContaining("reader 3");
  }

  @Test
  void aSinkWriterIsRestartedAndGetsTheFailedEventAgain() throws Exception {
    AtomicInteger writers = new AtomicInteger();
    List<Integer> written = new ArrayList<>();
    Sink<Integer> sink =
        new Sink<>() {
          @Override
          public String name() {
            return "remote";
          }

          @Override
          public SinkWriter<Integer> createWriter(int i, int p) {
            int n = writers.incrementAndGet();
            return (event, ts) -> {
              if (n <= 2 && event == 5) {
                throw new IllegalStateException("broken pipe");
              }
              written.add(event);
              return true;
            };
          }
        };
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", IntStream.range(0, 10).boxed().toList()))
        .sink(sink)
        .restart(
            RestartStrategy.exponentialBackoff(
                Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 0.0, 3));
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(20));
    assertThat(written).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
    assertThat(writers.get()).isEqualTo(3);
  }
}
