package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.Iterator;
import java.util.List;

/**
 * Emits an iterable's elements. Replayable if the iterable gives the same elements each time it
 * is iterated: its state is the number emitted, skipped on a restore.
 */
public final class IterableSource<T> implements dev.sluice.core.checkpoint.CheckpointedSource<T> {
  private final String name;
  private final Iterable<? extends T> items;

  public IterableSource(String name, Iterable<? extends T> items) {
    this.name = name;
    this.items = items;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return new Reader<>(items.iterator(), 0);
  }

  /** Iterates afresh and skips the elements the old reader had emitted. */
  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states) {
    long skip = 0;
    for (byte[] s : states) {
      skip += java.nio.ByteBuffer.wrap(s).getLong();
    }
    Iterator<? extends T> it = items.iterator();
    for (long k = 0; k < skip && it.hasNext(); k++) {
      it.next();
    }
    return new Reader<>(it, skip);
  }

  private static final class Reader<T>
      implements SourceReader<T>, dev.sluice.core.checkpoint.CheckpointedReader {
    private final Iterator<? extends T> it;
    private long emitted;

    Reader(Iterator<? extends T> it, long emitted) {
      this.it = it;
      this.emitted = emitted;
    }

    @Override
    public int read(SourceOutput<T> out, int max) {
      if (!it.hasNext()) {
        return SourceReader.END;
      }
      int n = 0;
      while (n < max && it.hasNext()) {
        out.emit(it.next());
        n++;
      }
      emitted += n;
      return n;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
      return java.nio.ByteBuffer.allocate(8).putLong(emitted).array();
    }
  }
}
