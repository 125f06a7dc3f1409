package dev.sluice.cep.correlate;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.List;
import java.util.function.Predicate;

/**
 * A one-instance source that ends every read right after a marker item and emits nothing on the
 * read that follows, so that the batch after which a timestamps stage emits its watermark ends at
 * the marker, whatever the runtime's batch sizes. If no event carries a timestamp above the
 * latest marker's, the watermark moves only at markers: deterministic lateness.
 */
public final class MarkedSource<T> implements Source<T> {
  private final String name;
  private final List<T> items;
  private final Predicate<T> isMarker;

  public MarkedSource(String name, List<T> items, Predicate<T> isMarker) {
    this.name = name;
    this.items = items;
    this.isMarker = isMarker;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return new SourceReader<>() {
      private int next;
      private boolean pause;

      @Override
      public int read(SourceOutput<T> out, int max) {
        if (next >= items.size()) {
          return END;
        }
        if (pause) {
          pause = false;
          return 0;
        }
        int n = 0;
        while (n < max && next < items.size()) {
          T item = items.get(next++);
          out.emit(item);
          n++;
          if (isMarker.test(item)) {
            pause = true;
            break;
          }
        }
        return n;
      }
    };
  }
}
