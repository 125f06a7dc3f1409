package dev.sluice.windowing.internal;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Emits a few items, then stays open and silent (an idle input) until {@code release} is set,
 * then ends.
 */
final class IdleSource implements Source<StreamItem> {
  private final List<StreamItem> items;
  private final AtomicBoolean release;

  IdleSource(List<StreamItem> items, AtomicBoolean release) {
    this.items = items;
    this.release = release;
  }

  @Override
  public String name() {
    return "idle";
  }

  @Override
  public SourceReader<StreamItem> createReader(int instanceIndex, int parallelism) {
    return new SourceReader<>() {
      private int next;

      @Override
      public int read(SourceOutput<StreamItem> out, int max) {
        int n = 0;
        while (n < max && next < items.size()) {
          out.emit(items.get(next++));
          n++;
        }
        if (n > 0) {
          return n;
        }
        return release.get() ? END : 0;
      }
    };
  }
}
