package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the sink's writers the way the runtime does (aligned barriers, completions that may be
 * late, skipped or never come, aborts, crashes at any point, restores at another parallelism) on
 * random schedules, and checks that the committed files hold every event exactly once, in order
 * per source split.
 */
class JsonLinesFileSinkRecoveryPropertyTest {
  private static final int SPLITS = 3;

  @TempDir Path root;

  /** What a checkpoint holds: the source positions and each writer instance's committable. */
  private record Snapshot(long id, long[] positions, int parallelism, List<byte[]> committables) {}

  @Test
  void committedOutputHoldsEveryEventExactlyOnceWhateverTheCrashes() {
    SeededRuns.run(80, g -> simulate(g, Files.createTempDirectory(root, "try")));
  }

  private void simulate(Generator g, Path dir) throws Exception {
    int eventsPerSplit = g.intBetween(0, 60);
    JsonLinesFileSink<Object> sink = JsonLinesFileSink.builder("sim", dir).fsync(false).build();
    List<String> log = new ArrayList<>();

    long[] positions = new long[SPLITS];
    int parallelism = g.intBetween(1, 3);
    List<TwoPhaseCommitWriter<Object>> writers = writers(sink, parallelism);
    Snapshot completed = null;
    TreeMap<Long, Snapshot> inFlight = new TreeMap<>();
    long nextId = 1;
    int crashes = 0;

    while (true) {
      boolean inputLeft = false;
      for (long p : positions) {
        inputLeft |= p < eventsPerSplit;
      }
      int action = g.intBetween(0, 9);
      if (!inputLeft && action < 4) {
        action = 9; // nothing left to write: finish (or crash before finishing)
      }
      if (action < 4) {
        int split = g.intBetween(0, SPLITS - 1);
        int n = (int) Math.min(g.intBetween(1, 5), eventsPerSplit - positions[split]);
        TwoPhaseCommitWriter<Object> w = writers.get(split % parallelism);
        for (int i = 0; i < n; i++) {
          w.offer(split + ":" + positions[split]++, 0);
        }
        if (g.bool()) {
          w.flush();
        }
      } else if (action == 4 || action == 5) {
        long id = nextId++;
        List<byte[]> committables = new ArrayList<>();
        for (TwoPhaseCommitWriter<Object> w : writers) {
          committables.add(w.prepareCommit(id));
        }
        inFlight.put(id, new Snapshot(id, positions.clone(), parallelism, committables));
        log.add("barrier " + id + " at " + Arrays.toString(positions));
      } else if (action == 6 && !inFlight.isEmpty()) {
        // a checkpoint completes (the newest or an older one; older ones are then obsolete)
        Snapshot done = g.bool() ? inFlight.lastEntry().getValue() : g.pick(new ArrayList<>(inFlight.values()));
        completed = done;
        inFlight.headMap(done.id(), true).clear();
        log.add("complete " + done.id());
        for (TwoPhaseCommitWriter<Object> w : writers) {
          if (g.chance(0.8)) { // a notification may be skipped (or the process dies before it)
            w.checkpointComplete(done.id());
          }
        }
      } else if (action == 7 && !inFlight.isEmpty()) {
        Snapshot aborted = inFlight.pollFirstEntry().getValue();
        log.add("abort " + aborted.id());
        for (TwoPhaseCommitWriter<Object> w : writers) {
          w.checkpointAborted(aborted.id());
        }
      } else if (action == 8) {
        // crash at this point, restore from the last completed checkpoint, maybe rescaled
        crashes++;
        if (g.bool()) {
          for (TwoPhaseCommitWriter<Object> w : writers) {
            w.close(new RuntimeException("crash"));
          }
        }
        inFlight.clear();
        parallelism = g.intBetween(1, 3);
        writers = writers(sink, parallelism);
        log.add("crash; restore from " + (completed == null ? "nothing" : completed.id()) + " at p=" + parallelism);
        if (completed == null) {
          Arrays.fill(positions, 0);
          if (g.bool()) {
            for (TwoPhaseCommitWriter<Object> w : writers) {
              w.recover(List.of());
            }
          }
        } else {
          System.arraycopy(completed.positions(), 0, positions, 0, SPLITS);
          for (int i = 0; i < parallelism; i++) {
            List<byte[]> mine = new ArrayList<>();
            for (int j = 0; j < completed.parallelism(); j++) {
              if (j % parallelism == i) {
                mine.add(completed.committables().get(j));
              }
            }
            writers.get(i).recover(mine);
          }
        }
      } else if (action == 9 && !inputLeft) {
        // the input ended: maybe a final checkpoint, then complete()
        if (g.bool()) {
          long id = nextId++;
          for (TwoPhaseCommitWriter<Object> w : writers) {
            w.prepareCommit(id);
          }
          for (TwoPhaseCommitWriter<Object> w : writers) {
            w.checkpointComplete(id);
          }
        }
        for (TwoPhaseCommitWriter<Object> w : writers) {
          w.complete();
          w.close(null);
        }
        break;
      }
    }

    // committed files, by checkpoint id then instance: a split's events in the order written
    List<Path> files = JsonLinesFileSink.committedFiles(dir, "sim");
    files.sort(
        Comparator.comparing(
            (Path p) -> p.getFileName().toString().replaceAll("^sim-([0-9]+)-([0-9]+)\\.jsonl$", "$2 $1")));
    List<List<String>> perSplit = new ArrayList<>();
    for (int s = 0; s < SPLITS; s++) {
      perSplit.add(new ArrayList<>());
    }
    for (Path f : files) {
      for (String line : Files.readAllLines(f)) {
        String event = line.substring(1, line.length() - 1);
        perSplit.get(event.charAt(0) - '0').add(event);
      }
    }
    for (int s = 0; s < SPLITS; s++) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < eventsPerSplit; i++) {
        expected.add(s + ":" + i);
      }
      assertThat(perSplit.get(s))
          .as("split %d after %d crashes; schedule %s; files %s", s, crashes, log, files)
          .containsExactlyElementsOf(expected);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".inprogress")))
          .as("in-progress files after the job finished")
          .isEmpty();
    }
  }

  private static List<TwoPhaseCommitWriter<Object>> writers(JsonLinesFileSink<Object> sink, int parallelism)
      throws Exception {
    List<TwoPhaseCommitWriter<Object>> writers = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      writers.add(sink.createWriter(i, parallelism));
    }
    return writers;
  }
}
