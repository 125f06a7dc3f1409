package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.List;

/**
 * Emits a list's elements from any number of parallel instances: instance {@code i} of {@code p}
 * reads the contiguous slice {@code [i·n/p, (i+1)·n/p)}, in list order. Replayable: a reader's
 * state is the part of its slice not yet read (see {@link RangeReader}).
 */
public final class ListSource<T> implements dev.sluice.core.checkpoint.CheckpointedSource<T> {
  private final String name;
  private final List<? extends T> items;
  private final int maxParallelism;

  public ListSource(String name, List<? extends T> items, int maxParallelism) {
    this.name = name;
    this.items = items;
    this.maxParallelism = maxParallelism;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return RangeReader.slice(i -> items.get((int) i), items.size(), instanceIndex, parallelism);
  }

  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
      throws java.io.IOException {
    return RangeReader.restore(i -> items.get((int) i), instanceIndex, parallelism, states);
  }
}
