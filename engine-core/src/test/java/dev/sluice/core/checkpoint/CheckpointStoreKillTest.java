package dev.sluice.core.checkpoint;

import static dev.sluice.core.checkpoint.CheckpointFixtures.assertSameContent;
import static dev.sluice.core.checkpoint.CheckpointFixtures.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM stores large checkpoints in a loop and is killed with SIGKILL at a random moment;
 * the directory then loads the newest checkpoint the child reported as stored (or a newer one
 * whose rename landed just before the kill), byte for byte, with no corrupt checkpoint in it.
 */
class CheckpointStoreKillTest {
  private static final String JOB = "killed";
  private static final int PARTS = 4;
  private static final int MAX_PART_BYTES = 1 << 20;

  @TempDir Path root;

  /** The child: stores checkpoints after the newest present, printing each id once stored. */
  public static void main(String[] args) throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(Path.of(args[0]));
    List<Long> ids = store.list(JOB);
    long id = ids.isEmpty() ? 1 : ids.get(ids.size() - 1) + 1;
    System.out.println("ready");
    while (true) {
      store.store(checkpoint(JOB, id, CheckpointKind.CHECKPOINT, PARTS, MAX_PART_BYTES));
      System.out.println("stored " + id);
      id++;
    }
  }

  @Test
  void aKilledWriterLeavesTheNewestCompleteCheckpoint() throws Exception {
    SplittableRandom random = new SplittableRandom(0x6b111edL);
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    long lastReported = 0;
    int kills = 5;
    int midWrite = 0;
    for (int round = 0; round < kills; round++) {
      Process child =
          new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), getClass().getName(), root.toString())
              .redirectErrorStream(true)
              .start();
      AtomicLong reported = new AtomicLong(-1);
      List<String> output = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (output) {
                      output.add(line);
                    }
                    if (line.startsWith("stored ")) {
                      reported.set(Long.parseLong(line.substring(7)));
                    }
                  }
                } catch (IOException e) {
                  // the child died
                }
              });
      reader.start();
      // wait until it stored at least one checkpoint in this round, then kill it a little later,
      // at a random point (usually in the middle of a store)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (reported.get() < 0 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(reported.get()).as("child output: %s", output).isPositive();
      Thread.sleep(random.nextInt(1, 250));
      child.destroyForcibly(); // SIGKILL on Unix
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
      long stored = reported.get();
      assertThat(stored).isGreaterThan(lastReported);
      lastReported = stored;

      try (Stream<Path> entries = Files.list(root.resolve("job-" + JOB))) {
        midWrite += entries.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")) ? 1 : 0;
      }
      LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
      List<String> warnings = new ArrayList<>();
      CompletedCheckpoint latest = store.loadLatest(JOB, warnings::add).orElseThrow();
      assertThat(warnings).as("round %d", round).noneMatch(w -> w.startsWith("skipping"));

      // the store that was in flight when the kill came either landed whole or not at all
      assertThat(latest.id()).isBetween(stored, stored + 1);
      assertSameContent(latest, checkpoint(JOB, latest.id(), CheckpointKind.CHECKPOINT, PARTS, MAX_PART_BYTES));
      for (long id : store.list(JOB)) {
        assertSameContent(store.load(JOB, id), checkpoint(JOB, id, CheckpointKind.CHECKPOINT, PARTS, MAX_PART_BYTES));
      }
      try (Stream<Path> entries = Files.list(root.resolve("job-" + JOB))) {
        assertThat(entries).noneMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
      }
      // a kill between the publishing rename and retention leaves one checkpoint too many, which
      // the next store removes
      assertThat(store.list(JOB))
          .hasSizeLessThanOrEqualTo(LocalDirectoryCheckpointStore.DEFAULT_RETAINED_CHECKPOINTS + 1);
    }
    System.out.println(
        "CheckpointStoreKillTest: " + kills + " kills, " + midWrite + " of them left a temp directory");
  }
}
