package dev.sluice.core.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link CheckpointStore} in this JVM's heap: for tests, and for embedding where a job must
 * survive the failure of a stage (a restart) but not the death of the process. <b>Nothing it
 * holds survives the process</b>: use a durable store (a local directory, see
 * docs/checkpoints-storage.md) to restore after a crash.
 *
 * <p>Keeps the newest {@link #retained()} checkpoints of each job and every savepoint until
 * {@link #delete} removes it. Checkpoints are kept as given (their byte arrays are not copied:
 * {@link CompletedCheckpoint} is immutable by contract), so a stored checkpoint can never be
 * partial or corrupt.
 *
 * <p><b>Threading:</b> thread-safe (one lock).
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
  /** Checkpoints kept per job unless another count is given. */
  public static final int DEFAULT_RETAINED = 3;

  private final int retained;
  private final Map<String, TreeMap<Long, CompletedCheckpoint>> jobs = new HashMap<>();

  /** Keeps the newest {@link #DEFAULT_RETAINED} checkpoints per job. */
  public InMemoryCheckpointStore() {
    this(DEFAULT_RETAINED);
  }

  /**
   * Keeps the newest {@code retained} checkpoints per job (savepoints are not counted).
   *
   * @throws IllegalArgumentException if {@code retained < 1}
   */
  public InMemoryCheckpointStore(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("retained must be >= 1, was " + retained);
    }
    this.retained = retained;
  }

  /** How many checkpoints (not savepoints) are kept per job. */
  public int retained() {
    return retained;
  }

  @Override
  public synchronized void store(CompletedCheckpoint checkpoint) {
    TreeMap<Long, CompletedCheckpoint> m =
        jobs.computeIfAbsent(checkpoint.jobName(), k -> new TreeMap<>());
    m.put(checkpoint.id(), checkpoint);
    int checkpoints = 0;
    for (Long id : new ArrayList<>(m.descendingKeySet())) {
      if (m.get(id).kind() == CheckpointKind.CHECKPOINT && ++checkpoints > retained) {
        m.remove(id);
      }
    }
  }

  @Override
  public synchronized Optional<CompletedCheckpoint> loadLatest(
      String jobName, Consumer<String> warnings) {
    TreeMap<Long, CompletedCheckpoint> m = jobs.get(jobName);
    return m == null || m.isEmpty() ? Optional.empty() : Optional.of(m.lastEntry().getValue());
  }

  @Override
  public synchronized CompletedCheckpoint load(String jobName, long id) throws IOException {
    TreeMap<Long, CompletedCheckpoint> m = jobs.get(jobName);
    CompletedCheckpoint c = m == null ? null : m.get(id);
    if (c == null) {
      throw new FileNotFoundException(
          "no checkpoint " + id + " of job '" + jobName + "' in " + this);
    }
    return c;
  }

  @Override
  public synchronized List<Long> list(String jobName) {
    TreeMap<Long, CompletedCheckpoint> m = jobs.get(jobName);
    return m == null ? List.of() : List.copyOf(m.keySet());
  }

  /** Removes checkpoint or savepoint {@code id} of {@code jobName}; true if it was present. */
  public synchronized boolean delete(String jobName, long id) {
    TreeMap<Long, CompletedCheckpoint> m = jobs.get(jobName);
    return m != null && m.remove(id) != null;
  }

  @Override
  public String toString() {
    return "InMemoryCheckpointStore[retained=" + retained + "]";
  }
}
