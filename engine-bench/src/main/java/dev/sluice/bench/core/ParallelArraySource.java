package dev.sluice.bench.core;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;

/**
 * A source as a user writes it against the public API: instance {@code i} of {@code p} reads its
 * contiguous slice of an array, emitting a batch of at most {@code maxEvents} per {@code read}.
 * Any parallelism.
 */
final class ParallelArraySource<T> implements Source<T> {
  private final String name;
  private final T[] items;

  ParallelArraySource(String name, T[] items) {
    this.name = name;
    this.items = items;
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
    int from = (int) ((long) items.length * instanceIndex / parallelism);
    int to = (int) ((long) items.length * (instanceIndex + 1) / parallelism);
    return new SliceReader<>(items, from, to);
  }

  private static final class SliceReader<T> implements SourceReader<T> {
    private final T[] items;
    private final int to;
    private int next;

    SliceReader(T[] items, int from, int to) {
      this.items = items;
      this.next = from;
      this.to = to;
    }

    @Override
    public int read(SourceOutput<T> output, int maxEvents) {
      int i = next;
      if (i >= to) {
        return END;
      }
      int end = Math.min(to, i + maxEvents);
      T[] a = items;
      for (; i < end; i++) {
        output.emit(a[i]);
      }
      int n = i - next;
      next = i;
      return n;
    }
  }
}
