package dev.sluice.windowing.internal;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Emits a generated stream so that watermarks fall exactly at its markers: every read ends right
 * after a marker, and the read after that emits nothing, so the batch (after which the
 * timestamps stage emits its watermark) ends at the marker whatever the runtime's batch sizes.
 * Events never carry a timestamp above the last marker's, so the watermark moves only there.
 *
 * <p>An optional {@code done} flag is set when the last item was emitted (for a companion source
 * that stays open, idle, until then).
 */
final class MarkerSource implements Source<StreamItem> {
  private final String name;
  private final List<StreamItem> items;
  private final AtomicBoolean done;

  MarkerSource(String name, List<StreamItem> items, AtomicBoolean done) {
    this.name = name;
    this.items = items;
    this.done = done;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<StreamItem> createReader(int instanceIndex, int parallelism) {
    return new SourceReader<>() {
      private int next;
      private boolean pause;

      @Override
      public int read(SourceOutput<StreamItem> out, int max) {
        if (next >= items.size()) {
          if (done != null) {
            done.set(true);
          }
          return END;
        }
        if (pause) {
          pause = false;
          return 0;
        }
        int n = 0;
        while (n < max && next < items.size()) {
          StreamItem it = items.get(next++);
          out.emit(it);
          n++;
          if (it.marker()) {
            pause = true;
            break;
          }
        }
        return n;
      }
    };
  }
}
