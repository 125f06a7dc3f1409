package dev.sluice.bench.core;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;

/** Emits an array's elements in order without allocating. */
final class ArraySource<T> implements Source<T> {
  private final String name;
  private final T[] items;
  private final boolean stampNanos;

  ArraySource(String name, T[] items, boolean stampNanos) {
    this.name = name;
    this.items = items;
    this.stampNanos = stampNanos;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return new SourceReader<>() {
      private int next;

      @Override
      public int read(SourceOutput<T> out, int max) {
        T[] a = items;
        int i = next;
        if (i >= a.length) {
          return END;
        }
        int end = Math.min(a.length, i + max);
        if (stampNanos) {
          // every 1024th event carries its emission time (sampled, so the clock read is cheap)
          for (; i < end; i++) {
            if ((i & 1023) == 0) {
              ((Bid) a[i]).emitNanos = System.nanoTime();
            }
            out.emit(a[i]);
          }
        } else {
          for (; i < end; i++) {
            out.emit(a[i]);
          }
        }
        int n = i - next;
        next = i;
        return n;
      }
    };
  }
}
