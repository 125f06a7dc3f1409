package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.Iterator;

/** Emits an iterable's elements. */
public final class IterableSource<T> implements Source<T> {
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
    Iterator<? extends T> it = items.iterator();
    return (SourceOutput<T> out, int max) -> {
      if (!it.hasNext()) {
        return SourceReader.END;
      }
      int n = 0;
      while (n < max && it.hasNext()) {
        out.emit(it.next());
        n++;
      }
      return n;
    };
  }
}
