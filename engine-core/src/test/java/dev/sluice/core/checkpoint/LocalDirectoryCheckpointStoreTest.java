package dev.sluice.core.checkpoint;

import static dev.sluice.core.checkpoint.CheckpointFixtures.assertSameContent;
import static dev.sluice.core.checkpoint.CheckpointFixtures.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryCheckpointStoreTest {
  @TempDir Path root;

  @Test
  void storedCheckpointLoadsBackWithEveryPart() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    CompletedCheckpoint c = checkpoint("orders", 7, CheckpointKind.CHECKPOINT, 5, 100_000);
    store.store(c);

    assertSameContent(store.load("orders", 7), c);
    List<String> warnings = new ArrayList<>();
    assertSameContent(store.loadLatest("orders", warnings::add).orElseThrow(), c);
    assertThat(warnings).isEmpty();
    assertThat(store.list("orders")).containsExactly(7L);
    // a fresh store over the same directory (the next process) sees the same
    assertSameContent(LocalDirectoryCheckpointStore.open(root).load("orders", 7), c);
  }

  @Test
  void emptyCheckpointsAndEmptyPartsRoundTrip() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    CompletedCheckpoint none = new CompletedCheckpoint("j", 1, 5, CheckpointKind.CHECKPOINT, Map.of());
    CompletedCheckpoint empty =
        new CompletedCheckpoint("j", 2, 6, CheckpointKind.CHECKPOINT, Map.of("a", new byte[0]));
    store.store(none);
    store.store(empty);
    assertSameContent(store.load("j", 1), none);
    assertSameContent(store.load("j", 2), empty);
  }

  @Test
  void jobNamesWithAnyCharactersGetTheirOwnDirectories() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    List<String> names = List.of("a/b", "a%2Fb", "..", ".", "", "ünï cödé ✓", "x".repeat(400), "x".repeat(401));
    for (int i = 0; i < names.size(); i++) {
      store.store(checkpoint(names.get(i), i));
    }
    for (int i = 0; i < names.size(); i++) {
      assertThat(store.list(names.get(i))).containsExactly((long) i);
      assertThat(store.jobDirectory(names.get(i)).getParent()).isEqualTo(root.toAbsolutePath());
      assertSameContent(store.load(names.get(i), i), checkpoint(names.get(i), i));
    }
  }

  @Test
  void keepsTheNewestCheckpointsAndEverySavepoint() throws IOException {
    LocalDirectoryCheckpointStore store =
        LocalDirectoryCheckpointStore.builder(root).retainedCheckpoints(2).build();
    assertThat(store.retainedCheckpoints()).isEqualTo(2);
    store.store(checkpoint("j", 1));
    store.store(checkpoint("j", 2, CheckpointKind.SAVEPOINT, 2, 10));
    store.store(checkpoint("j", 3));
    store.store(checkpoint("j", 4));
    store.store(checkpoint("j", 5));
    assertThat(store.list("j")).containsExactly(2L, 4L, 5L);
    assertThat(store.kindOf("j", 2)).contains(CheckpointKind.SAVEPOINT);
    assertThat(store.kindOf("j", 5)).contains(CheckpointKind.CHECKPOINT);

    assertThat(store.delete("j", 2)).isTrue();
    assertThat(store.delete("j", 2)).isFalse();
    assertThat(store.list("j")).containsExactly(4L, 5L);
    assertThatThrownBy(() -> store.load("j", 2))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("no checkpoint or savepoint 2 of job 'j'");
  }

  @Test
  void defaultRetentionIsThree() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    for (int i = 1; i <= 6; i++) {
      store.store(checkpoint("j", i));
    }
    assertThat(store.list("j")).containsExactly(4L, 5L, 6L);
    assertThat(LocalDirectoryCheckpointStore.DEFAULT_RETAINED_CHECKPOINTS).isEqualTo(3);
    assertThatThrownBy(() -> LocalDirectoryCheckpointStore.builder(root).retainedCheckpoints(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retainedCheckpoints must be >= 1");
  }

  @Test
  void restoringFromAnOlderCheckpointThenStoringItsSuccessorReplacesTheNewerOne() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    store.store(checkpoint("j", 1));
    store.store(checkpoint("j", 2));
    CompletedCheckpoint again = checkpoint("j", 2, CheckpointKind.CHECKPOINT, 1, 50);
    store.store(again);
    assertSameContent(store.load("j", 2), again);
    assertThat(store.list("j")).containsExactly(1L, 2L);
  }

  @Test
  void aSavepointIsNeverOverwrittenByACheckpointWithItsId() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    CompletedCheckpoint savepoint = checkpoint("j", 3, CheckpointKind.SAVEPOINT, 2, 10);
    store.store(savepoint);
    assertThatThrownBy(() -> store.store(checkpoint("j", 3)))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("a savepoint with id 3 exists");
    assertSameContent(store.load("j", 3), savepoint);
    try (Stream<Path> files = Files.list(store.jobDirectory("j"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sav-0000000000000000003");
    }
  }

  @Test
  void aWriteThatNeverPublishedIsInvisibleAndCleanedUp() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    store.store(checkpoint("j", 1));
    Path jobDir = store.jobDirectory("j");
    // what a process that died mid-store leaves: a temp directory with some parts, no manifest
    Path deadWriter = Files.createDirectory(jobDir.resolve(".tmp-" + Long.MAX_VALUE + "-1-2"));
    Files.write(deadWriter.resolve("part-00000"), new byte[] {1, 2, 3});
    Path deadDelete = Files.createDirectory(jobDir.resolve(".trash-" + Long.MAX_VALUE + "-2-chk-0000000000000000000"));
    Files.write(deadDelete.resolve("MANIFEST"), new byte[] {4});

    assertThat(store.list("j")).containsExactly(1L);
    List<String> warnings = new ArrayList<>();
    assertSameContent(store.loadLatest("j", warnings::add).orElseThrow(), checkpoint("j", 1));
    assertThat(deadWriter).doesNotExist();
    assertThat(deadDelete).doesNotExist();
    assertThat(warnings)
        .hasSize(2)
        .allMatch(w -> w.startsWith("removed " + jobDir) && w.contains("did not finish"));
  }

  @Test
  void leftoversOfALiveProcessAreKept() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    store.store(checkpoint("j", 1));
    // pid 1 (init) is alive: its temp directory may be a write in progress
    Path live = Files.createDirectory(store.jobDirectory("j").resolve(".tmp-1-1-2"));
    List<String> removed = new ArrayList<>();
    store.cleanLeftovers(removed::add);
    assertThat(removed).isEmpty();
    assertThat(live).exists();
  }

  @Test
  void constructorCleansLeftoversOfEveryJob() throws IOException {
    LocalDirectoryCheckpointStore.open(root).store(checkpoint("a", 1));
    Path jobDir = root.resolve(".").toAbsolutePath().normalize().resolve("job-a");
    Path dead = Files.createDirectory(jobDir.resolve(".tmp-" + Long.MAX_VALUE + "-1-2"));
    LocalDirectoryCheckpointStore.open(root);
    assertThat(dead).doesNotExist();
  }

  @Test
  void missingJobHasNothing() throws IOException {
    LocalDirectoryCheckpointStore store = LocalDirectoryCheckpointStore.open(root);
    assertThat(store.list("nope")).isEmpty();
    assertThat(store.loadLatest("nope", w -> {})).isEmpty();
    assertThatThrownBy(() -> store.load("nope", 1)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void concurrentStoresOfSeveralJobsAllLand() throws Exception {
    LocalDirectoryCheckpointStore store =
        LocalDirectoryCheckpointStore.builder(root).retainedCheckpoints(100).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String job = "job" + (t % 2);
        int first = t / 2 * 1000;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    store.store(checkpoint(job, first + i));
                    store.loadLatest(job, w -> {
                      throw new AssertionError(w);
                    });
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String job : List.of("job0", "job1")) {
      List<Long> ids = store.list(job);
      assertThat(ids).hasSize(40);
      for (long id : ids) {
        assertSameContent(store.load(job, id), checkpoint(job, id));
      }
    }
  }
}
