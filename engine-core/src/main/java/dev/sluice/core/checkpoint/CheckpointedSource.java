package dev.sluice.core.checkpoint;

import dev.sluice.core.Source;
import dev.sluice.core.SourceReader;
import java.util.List;

/**
 * A source that can replay from a stored position. Its readers implement {@link
 * CheckpointedReader}; a restore creates them through {@link #restoreReader}.
 *
 * <p>A source that does not implement this interface is a push source: after a restore it starts
 * afresh, and what it emitted between the last completed checkpoint and the crash is not
 * replayed (at-most-once for its data, exactly-once for the state built from what was kept).
 *
 * @param <T> event type
 */
public interface CheckpointedSource<T> extends Source<T> {

  /**
   * Creates reader {@code instanceIndex} of {@code parallelism} positioned where the restored
   * checkpoint left off. {@code states} holds the states every reader of the checkpointed run
   * returned from {@link CheckpointedReader#snapshotState}, indexed by their old instance index;
   * the old parallelism may differ from {@code parallelism}, and the source decides which part
   * of them (which files, partitions or ranges) this reader takes over. Every old position must
   * be taken over by exactly one new reader.
   */
  SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
      throws Exception;
}
