package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** drain() delivers every dead letter counted before it (issue 16, defect 6). */
class DeadLetterDrainTest {

  @Test
  void drainDeliversEveryCountedDeadLetter() throws Exception {
    int failing = 100;
    GatedSink<DeadLetter> dl = new GatedSink<>("dl");
    AtomicInteger next = new AtomicInteger();
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      Pipeline p = Pipeline.create();
      p.source(Sources.generator("n", next::getAndIncrement, Long.MAX_VALUE))
          .map(
              (Integer x) -> {
                if (x < failing) {
                  throw new IllegalArgumentException("bad " + x);
                }
                return x;
              })
          .named("parse")
          .onError(ErrorPolicy.DEAD_LETTER)
          .sink(Sinks.discard("d"));
      p.deadLetters().sink(dl);
      Job job = engine.submit(p);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (job.counts("parse").deadLettered() < failing && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(job.counts("parse").deadLettered()).isEqualTo(failing);
      job.drain(); // while the dead-letter sink still refuses: the letters are waiting
      dl.open();
      assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

      assertThat(dl.written()).hasSize(failing);
      assertThat(dl.written()).extracting(DeadLetter::event).doesNotHaveDuplicates();
      StageCounts letters = job.counts("dead-letters");
      assertThat(letters.out()).isEqualTo(failing);
      assertThat(letters.balanced()).isTrue();
      assertThat(job.counts("parse").balanced()).isTrue();
    }
  }
}
