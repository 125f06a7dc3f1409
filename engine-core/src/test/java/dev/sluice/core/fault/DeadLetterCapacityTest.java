package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobFailedException;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import dev.sluice.core.metrics.StageSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dead-letter output's capacity and each policy when it is full. */
class DeadLetterCapacityTest {
  private static final int EVENTS = 200;
  private static final int CAPACITY = 5;
  private static final int BATCH = 4;

  /** One worker thread: a stage waiting for room must not hold it, or nothing else could run. */
  private final Engine engine =
      Engine.create(EngineConfig.defaults().withWorkerThreads(1).withBatchSize(BATCH));
  private final GatedSink<DeadLetter> dl = new GatedSink<>("dl");

  @AfterEach
  void close() {
    engine.close();
  }

  /** Every event fails in stage 'parse' and is dead-lettered; the dead letters wait at a gate. */
  private Job submit(DeadLetterSettings settings) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", IntStream.range(0, EVENTS).boxed().toList()))
        .map(
            (Integer x) -> {
              throw new IllegalArgumentException("bad " + x);
            })
        .named("parse")
        .onError(ErrorPolicy.DEAD_LETTER)
        .sink(Sinks.discard("d"));
    p.deadLetters(settings).sink(dl);
    return engine.submit(p);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  private static List<Object> events(List<DeadLetter> letters) {
    return letters.stream().map(DeadLetter::event).toList();
  }

  @Test
  void blockHoldsTheFailingStageUntilThereIsRoomAndLosesNothing() throws Exception {
    Job job = submit(new DeadLetterSettings(CAPACITY, DeadLetterOverflow.BLOCK));
    await(() -> job.counts("parse").deadLettered() > 0, "the first dead letter");
    Thread.sleep(200); // give the stage time to run ahead if it could
    // held back: the output's capacity, what the dead-letter stage took before its sink refused
    // (a batch in the source, one at the sink) and the letters of the one item being processed
    long bound = CAPACITY + BATCH + 1 + 1;
    assertThat(job.counts("parse").deadLettered()).isLessThanOrEqualTo(bound);
    assertThat(job.status().isTerminal()).isFalse();

    dl.open();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(events(dl.written()))
        .containsExactlyElementsOf(IntStream.range(0, EVENTS).boxed().toList());
    StageCounts letters = job.counts("dead-letters");
    assertThat(letters.dropped()).isZero();
    assertThat(letters.out()).isEqualTo(EVENTS);
    assertThat(job.counts("parse").deadLettered()).isEqualTo(EVENTS);
  }

  @Test
  void dropNewestKeepsTheOldestAndCountsTheRestAsDropped() throws Exception {
    Job job = submit(new DeadLetterSettings(CAPACITY, DeadLetterOverflow.DROP_NEWEST));
    await(() -> job.counts("parse").deadLettered() == EVENTS, "every event to fail");
    dl.open();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    List<Object> delivered = events(dl.written());
    assertThat(delivered.size()).isLessThan(EVENTS);
    // the first CAPACITY letters found the output empty and were kept; later ones were dropped
    // unless the dead-letter stage had just taken one (it takes one before its sink refuses)
    assertThat(delivered.subList(0, CAPACITY))
        .containsExactlyElementsOf(IntStream.range(0, CAPACITY).boxed().toList());
    assertThat(delivered).isSorted();
    assertDroppedCounted(job, delivered.size());
  }

  @Test
  void dropOldestKeepsTheNewestAndCountsTheRestAsDropped() throws Exception {
    Job job = submit(new DeadLetterSettings(CAPACITY, DeadLetterOverflow.DROP_OLDEST));
    await(() -> job.counts("parse").deadLettered() == EVENTS, "every event to fail");
    dl.open();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    List<Object> delivered = events(dl.written());
    assertThat(delivered.size()).isLessThan(EVENTS);
    // the output kept the newest CAPACITY; older ones were dropped to make room
    assertThat(delivered.subList(delivered.size() - CAPACITY, delivered.size()))
        .containsExactlyElementsOf(IntStream.range(EVENTS - CAPACITY, EVENTS).boxed().toList());
    assertThat(delivered).isSorted();
    assertDroppedCounted(job, delivered.size());
  }

  private void assertDroppedCounted(Job job, int delivered) {
    StageCounts parse = job.counts("parse");
    assertThat(parse.deadLettered()).isEqualTo(EVENTS); // sent; the output dropped some
    assertThat(parse.balanced()).isTrue();
    StageCounts letters = job.counts("dead-letters");
    assertThat(letters.in()).isEqualTo(EVENTS);
    assertThat(letters.out()).isEqualTo(delivered);
    assertThat(letters.dropped()).isEqualTo(EVENTS - delivered);
    assertThat(letters.balanced()).as(letters.toString()).isTrue();
    StageSnapshot metrics = engine.snapshot().jobs().get(0).stage("dead-letters");
    assertThat(metrics.dropped()).isEqualTo(EVENTS - delivered);
  }

  @Test
  void failFailsTheJobNamingTheStage() {
    Job job = submit(new DeadLetterSettings(CAPACITY, DeadLetterOverflow.FAIL));
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(30)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 'parse'")
        .hasMessageContaining("dead-letter output is full (capacity 5")
        .cause()
        .isInstanceOf(IllegalStateException.class);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void settingsAreValidatedAndSetBeforeTheOutputIsConnected() {
    assertThatThrownBy(() -> new DeadLetterSettings(0, DeadLetterOverflow.BLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be >= 1, was 0");
    assertThat(DeadLetterSettings.defaults())
        .isEqualTo(
            new DeadLetterSettings(DeadLetterSettings.DEFAULT_CAPACITY, DeadLetterOverflow.BLOCK));
    Pipeline p = Pipeline.create();
    p.deadLetters().sink(Sinks.discard("dl"));
    assertThatThrownBy(() -> p.deadLetters(DeadLetterSettings.defaults().withCapacity(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has a downstream stage");
  }
}
