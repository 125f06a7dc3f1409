package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.List;

/**
 * Emits a list's elements from any number of parallel instances: instance {@code i} of {@code p}
 * reads the contiguous slice {@code [i·n/p, (i+1)·n/p)}, in list order.
 */
public final class ListSource<T> implements Source<T> {
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
    int n = items.size();
    int from = (int) ((long) instanceIndex * n / parallelism);
    int to = (int) ((long) (instanceIndex + 1) * n / parallelism);
    List<? extends T> slice = items;
    return new SourceReader<>() {
      private int next = from;

      @Override
      public int read(SourceOutput<T> out, int max) {
        int i = next;
        if (i >= to) {
          return END;
        }
        int end = Math.min(to, i + max);
        for (; i < end; i++) {
          out.emit(slice.get(i));
        }
        int emitted = i - next;
        next = i;
        return emitted;
      }
    };
  }
}
