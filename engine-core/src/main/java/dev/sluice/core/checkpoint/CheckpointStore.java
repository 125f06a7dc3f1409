package dev.sluice.core.checkpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of completed checkpoints.
 *
 * <p><b>Contract:</b> {@link #store} publishes a checkpoint atomically: after it returns, a
 * reader (in this JVM or after a crash, in the next) sees the whole checkpoint or, if it threw or
 * the process died during it, nothing of it. Loading verifies integrity (checksums); a truncated,
 * bit-flipped or partial checkpoint is never returned as valid: {@link #loadLatest} skips it and
 * says so through its {@code warnings} argument, {@link #load} throws {@link
 * CheckpointCorruptException} naming the file and what is wrong.
 *
 * <p><b>Threading:</b> implementations are thread-safe; the runtime calls {@link #store} on a
 * background executor (never on a worker thread) while processing goes on.
 */
public interface CheckpointStore {

  /**
   * Stores {@code checkpoint} durably and atomically, then removes checkpoints (not savepoints)
   * of the same job beyond the store's retention.
   *
   * @throws IOException if it could not be stored; nothing of it is visible then
   */
  void store(CompletedCheckpoint checkpoint) throws IOException;

  /**
   * The newest valid checkpoint or savepoint of {@code jobName}; corrupt or partial ones are
   * skipped and described to {@code warnings}, one line each.
   */
  Optional<CompletedCheckpoint> loadLatest(String jobName, java.util.function.Consumer<String> warnings)
      throws IOException;

  /**
   * Loads checkpoint {@code id} of {@code jobName}.
   *
   * @throws CheckpointCorruptException if it exists but fails verification
   * @throws java.io.FileNotFoundException or another {@link IOException} if it does not exist
   */
  CompletedCheckpoint load(String jobName, long id) throws IOException;

  /** Ids of the checkpoints and savepoints of {@code jobName} present in the store, ascending. */
  List<Long> list(String jobName) throws IOException;
}
