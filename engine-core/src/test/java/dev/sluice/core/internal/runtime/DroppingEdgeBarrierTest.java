package dev.sluice.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DROP_OLDEST edge never drops a barrier, and the barrier keeps its place: every event the
 * consumer sees before it was emitted before it, every event after it was emitted after it.
 */
class DroppingEdgeBarrierTest {

  /** What the consumer reads, in order: event ids, and -1 for the barrier. */
  private static List<Long> drain(Channel ch) {
    List<Long> seen = new ArrayList<>();
    Batch b;
    while ((b = ch.poll()) != null) {
      for (int i = 0; i < b.size; i++) {
        Object it = b.items[i];
        if (it == Control.BARRIER) {
          seen.add(-1L);
        } else if (!(it instanceof Control)) {
          seen.add((Long) it);
        }
      }
      ch.recycle(b);
    }
    return seen;
  }

  @Test
  void aBarrierInADroppedBatchIsResentInItsPlace() {
    for (int before = 0; before < 12; before++) {
      for (int after = 0; after < 40; after += 3) {
        Channel ch = new Channel(4, 2, BackpressureStrategy.DROP_OLDEST);
        ChannelWriter w = new ChannelWriter(ch, new Outlet(), BackpressureStrategy.DROP_OLDEST);
        long id = 0;
        for (int k = 0; k < before; k++) {
          w.emit(id++, 0);
        }
        long firstAfter = id;
        w.emitControl(Control.BARRIER, 7);
        for (int k = 0; k < after; k++) {
          w.emit(id++, 0);
        }
        w.flushPartial();
        List<Long> seen = drain(ch);
        w.flushPartial();
        seen.addAll(drain(ch));
        String where = "before=" + before + " after=" + after + ": " + seen;
        assertThat(seen.stream().filter(x -> x == -1L).count()).as(where).isEqualTo(1);
        int at = seen.indexOf(-1L);
        for (int i = 0; i < seen.size(); i++) {
          if (i < at) {
            assertThat(seen.get(i)).as(where).isLessThan(firstAfter);
          } else if (i > at) {
            assertThat(seen.get(i)).as(where).isGreaterThanOrEqualTo(firstAfter);
          }
        }
        assertThat(w.dropped + seen.size() - 1).as(where).isEqualTo(before + after);
      }
    }
  }
}
