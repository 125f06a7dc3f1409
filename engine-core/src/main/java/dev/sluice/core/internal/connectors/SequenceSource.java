package dev.sluice.core.internal.connectors;

import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointedSource;
import java.io.IOException;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Emits {@code eventAt(i)} for {@code i} in {@code [0, count)}: instance {@code i} of {@code p}
 * reads the slice {@code [i·n/p, (i+1)·n/p)}. Replayable, since each event is a function of its
 * index (see {@link RangeReader}).
 */
public final class SequenceSource<T> implements CheckpointedSource<T> {
  private final String name;
  private final long count;
  private final LongFunction<? extends T> eventAt;

  public SequenceSource(String name, long count, LongFunction<? extends T> eventAt) {
    if (count < 0) {
      throw new IllegalArgumentException("source '" + name + "': count must be >= 0, was " + count);
    }
    this.name = name;
    this.count = count;
    this.eventAt = java.util.Objects.requireNonNull(eventAt, "eventAt");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxParallelism() {
    return Integer.MAX_VALUE;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return RangeReader.slice(eventAt, count, instanceIndex, parallelism);
  }

  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
      throws IOException {
    return RangeReader.restore(eventAt, instanceIndex, parallelism, states);
  }
}
