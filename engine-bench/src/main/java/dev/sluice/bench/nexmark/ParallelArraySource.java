package dev.sluice.bench.nexmark;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;

/**
 * A user-written source over a pre-generated array, on the public {@link Source} API: instance
 * {@code i} of {@code p} emits elements {@code i, i + p, i + 2p, …}, so every instance's events
 * advance in event time together (with the array's own disorder) and watermarks of the instances
 * stay close.
 *
 * <p><b>Threading:</b> each reader is used by one thread at a time, as the engine guarantees; the
 * array is only read. <b>Allocation:</b> none per event. Events carry no timestamp: follow it with
 * {@code withTimestamps}.
 *
 * @param <T> event type
 */
public final class ParallelArraySource<T> implements Source<T> {
  private final String name;
  private final T[] items;

  /** A source named {@code name} over {@code items} (not copied: do not modify it). */
  public ParallelArraySource(String name, T[] items) {
    this.name = name;
    this.items = items;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxParallelism() {
    return 1 << 16;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return new Reader<>(items, instanceIndex, parallelism);
  }

  private static final class Reader<T> implements SourceReader<T> {
    private final T[] items;
    private final int stride;
    private int next;

    Reader(T[] items, int first, int stride) {
      this.items = items;
      this.next = first;
      this.stride = stride;
    }

    @Override
    public int read(SourceOutput<T> output, int maxEvents) {
      final T[] a = items;
      final int step = stride;
      int i = next;
      if (i >= a.length) {
        return END;
      }
      int n = 0;
      while (n < maxEvents && i < a.length) {
        output.emit(a[i]);
        i += step;
        n++;
      }
      next = i;
      return n;
    }
  }
}
