package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exactly-once JSON-lines sink, driven call by call as the runtime drives it. */
class JsonLinesFileSinkTest {
  @TempDir Path dir;

  private JsonLinesFileSink<Object> sink() {
    return JsonLinesFileSink.builder("out", dir).build();
  }

  private static void write(TwoPhaseCommitWriter<Object> w, Object... events) throws Exception {
    for (Object e : events) {
      assertThat(w.offer(e, 0)).isTrue();
    }
    w.flush();
  }

  private List<String> visible() throws IOException {
    return JsonLinesFileSink.committedLines(dir, "out");
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void preparedOutputBecomesVisibleOnlyWhenItsCheckpointCompletes() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1, "two", Map.of("k", 3));
    w.prepareCommit(1);
    write(w, 4);
    assertThat(visible()).isEmpty();
    assertThat(fileNames())
        .containsExactly(".out-0-0000000000000000001.pending", ".out-0.inprogress");

    w.checkpointComplete(1);
    assertThat(visible()).containsExactly("1", "\"two\"", "{\"k\":3}");
    assertThat(fileNames()).contains("out-0-0000000000000000001.jsonl");

    w.prepareCommit(2);
    w.checkpointComplete(2);
    w.complete();
    w.close(null);
    assertThat(visible()).containsExactly("1", "\"two\"", "{\"k\":3}", "4");
    assertThat(fileNames())
        .containsExactly("out-0-0000000000000000001.jsonl", "out-0-0000000000000000002.jsonl");
  }

  @Test
  void anEmptyTransactionWritesNoFile() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    w.prepareCommit(1);
    w.checkpointComplete(1);
    w.complete();
    assertThat(fileNames()).isEmpty();
  }

  @Test
  void aSkippedNotificationIsCoveredByTheNextOne() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1);
    w.prepareCommit(1);
    write(w, 2);
    w.prepareCommit(2);
    write(w, 3);
    w.prepareCommit(3);
    w.checkpointComplete(2);
    assertThat(visible()).containsExactly("1", "2");
    w.checkpointComplete(3);
    assertThat(visible()).containsExactly("1", "2", "3");
  }

  @Test
  void anAbortedCheckpointsDataIsCommittedWithTheNextCompletedOne() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1);
    w.prepareCommit(1);
    w.checkpointAborted(1);
    write(w, 2);
    byte[] committable = w.prepareCommit(2);
    // the committable of 2 names the still-pending file of 1 too, so a restore from 2 keeps it
    TwoPhaseCommitWriter<Object> restored = sink().createWriter(0, 1);
    restored.recover(List.of(committable));
    assertThat(visible()).containsExactly("1", "2");
  }

  @Test
  void aCrashBetweenPrepareAndCommitIsFinishedByRecover() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1, 2);
    byte[] c1 = w.prepareCommit(1);
    write(w, 3); // in progress when the process dies; replayed after the restore
    w.flush();
    // crash: no more calls to w

    TwoPhaseCommitWriter<Object> restored = sink().createWriter(0, 1);
    restored.recover(List.of(c1));
    assertThat(visible()).containsExactly("1", "2");
    assertThat(fileNames()).containsExactly("out-0-0000000000000000001.jsonl");
    write(restored, 3, 4);
    restored.prepareCommit(2);
    restored.checkpointComplete(2);
    assertThat(visible()).containsExactly("1", "2", "3", "4");
  }

  @Test
  void recoverIsIdempotentAfterTheCommitHappened() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1);
    byte[] c1 = w.prepareCommit(1);
    w.checkpointComplete(1); // committed, then the process dies before anything else

    TwoPhaseCommitWriter<Object> first = sink().createWriter(0, 1);
    first.recover(List.of(c1));
    TwoPhaseCommitWriter<Object> second = sink().createWriter(0, 1); // died during recovery
    second.recover(List.of(c1));
    assertThat(visible()).containsExactly("1");
  }

  @Test
  void recoverDeletesPreparedOutputThatNoCompletedCheckpointCovers() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1);
    byte[] c1 = w.prepareCommit(1);
    w.checkpointComplete(1);
    write(w, 2);
    w.prepareCommit(2); // checkpoint 2 never completes: the process dies
    write(w, 3);
    w.flush();
    assertThat(fileNames()).contains(".out-0-0000000000000000002.pending", ".out-0.inprogress");

    TwoPhaseCommitWriter<Object> restored = sink().createWriter(0, 1);
    restored.recover(List.of(c1));
    assertThat(fileNames()).containsExactly("out-0-0000000000000000001.jsonl");
    write(restored, 2, 3); // the replay
    restored.prepareCommit(3);
    restored.checkpointComplete(3);
    assertThat(visible()).containsExactly("1", "2", "3");
  }

  @Test
  void recoverAtALowerParallelismCommitsAndCleansTheOldInstances() throws Exception {
    JsonLinesFileSink<Object> sink = sink();
    List<byte[]> committables = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TwoPhaseCommitWriter<Object> w = sink.createWriter(i, 3);
      write(w, "a" + i);
      committables.add(w.prepareCommit(5));
      write(w, "b" + i);
      w.prepareCommit(6); // never completes
      write(w, "c" + i);
      w.flush();
    }
    // restore at parallelism 2: instance 0 gets old 0 and 2, instance 1 gets old 1
    TwoPhaseCommitWriter<Object> n0 = sink.createWriter(0, 2);
    TwoPhaseCommitWriter<Object> n1 = sink.createWriter(1, 2);
    n0.recover(List.of(committables.get(0), committables.get(2)));
    n1.recover(List.of(committables.get(1)));
    assertThat(fileNames())
        .containsExactly(
            "out-0-0000000000000000005.jsonl",
            "out-1-0000000000000000005.jsonl",
            "out-2-0000000000000000005.jsonl");
    assertThat(visible()).containsExactly("\"a0\"", "\"a1\"", "\"a2\"");
  }

  @Test
  void recoverLeavesOtherPrefixesAndInstancesAlone() throws Exception {
    TwoPhaseCommitWriter<Object> other = JsonLinesFileSink.builder("out-x", dir).build().createWriter(0, 1);
    write(other, 1);
    other.prepareCommit(1);
    TwoPhaseCommitWriter<Object> sibling = sink().createWriter(1, 2);
    write(sibling, 2);
    sibling.prepareCommit(1);
    sink().createWriter(0, 2).recover(List.of());
    assertThat(fileNames())
        .containsExactly(".out-1-0000000000000000001.pending", ".out-x-0-0000000000000000001.pending");
  }

  @Test
  void aCommittedFileThatWentMissingIsReported() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1);
    byte[] c1 = w.prepareCommit(1);
    w.checkpointComplete(1);
    Files.delete(dir.resolve("out-0-0000000000000000001.jsonl"));
    assertThatThrownBy(() -> sink().createWriter(0, 1).recover(List.of(c1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sink 'out': neither")
        .hasMessageContaining("that output is lost");
  }

  @Test
  void withoutCheckpointsOutputIsVisibleWhenTheInputEnds() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1, 2);
    assertThat(visible()).isEmpty();
    w.complete();
    w.close(null);
    assertThat(visible()).containsExactly("1", "2");

    TwoPhaseCommitWriter<Object> failed = JsonLinesFileSink.builder("f", dir).build().createWriter(0, 1);
    write(failed, 3);
    failed.close(new RuntimeException("boom"));
    assertThat(JsonLinesFileSink.committedLines(dir, "f")).isEmpty();
  }

  @Test
  void completeAfterARestoreDoesNotReuseTheRestoredId() throws Exception {
    TwoPhaseCommitWriter<Object> w = sink().createWriter(0, 1);
    write(w, 1);
    byte[] c7 = w.prepareCommit(7);
    TwoPhaseCommitWriter<Object> restored = sink().createWriter(0, 1);
    restored.recover(List.of(c7));
    write(restored, 2);
    restored.complete();
    assertThat(fileNames())
        .containsExactly("out-0-0000000000000000007.jsonl", "out-0-0000000000000000008.jsonl");
    assertThat(visible()).containsExactly("1", "2");
  }

  @Test
  void badUseIsRefusedWithClearMessages() throws Exception {
    TwoPhaseCommitWriter<Object> w =
        JsonLinesFileSink.builder("out", dir).formatter(o -> "a\nb").build().createWriter(0, 1);
    assertThatThrownBy(() -> w.offer(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sink 'out': the formatter returned a line with a line break: a\nb");
    TwoPhaseCommitWriter<Object> v = sink().createWriter(0, 1);
    v.prepareCommit(3);
    assertThatThrownBy(() -> v.prepareCommit(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prepareCommit(3) after prepareCommit(3)");
    assertThatThrownBy(() -> JsonLinesFileSink.builder("x", dir).filePrefix(".hidden"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file prefix '.hidden' must match");
    assertThat(JsonLinesFileSink.builder("a b", dir).build().filePrefix()).isEqualTo("part");
    assertThatThrownBy(() -> JsonLinesFileSink.toJson(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write a java.lang.Object as JSON");
  }

  record Reading(String sensor, double value) {}

  @Test
  void aJobWithoutCheckpointsWritesEveryEventOnce() throws Exception {
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("numbers", IntStream.range(0, 5000).boxed().toList()))
          .map(i -> new Reading("s" + (i % 7), i))
          .sink(Sinks.exactlyOnceJsonLines("readings", dir));
      Job job = engine.submit(p);
      assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    }
    List<String> lines = JsonLinesFileSink.committedLines(dir, "readings");
    assertThat(lines).hasSize(5000);
    assertThat(lines.get(10)).isEqualTo("{\"sensor\":\"s3\",\"value\":10.0}");
    assertThat(fileNames()).allMatch(n -> !n.startsWith("."));
  }
}
