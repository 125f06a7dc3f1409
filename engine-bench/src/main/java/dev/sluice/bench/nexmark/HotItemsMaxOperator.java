package dev.sluice.bench.nexmark;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;

/**
 * Q5 by hand, second stage: keyed by window end, keeps the best {@link HotItem} of the window
 * (most bids, smaller auction on a tie) in keyed state and emits it when the watermark passes the
 * window's end (an event-time timer at end − 1).
 *
 * <p>Allocation: the emitted result, and the state of a new window.
 */
public final class HotItemsMaxOperator implements KeyedOperator<Long, HotItem, HotItem> {
  private KeyedState<Long, long[]> best; // window end -> {auction, count}
  private TimerService<Long> timers;

  @Override
  public void open(KeyedOperatorContext<Long> context) {
    timers = context.timers();
    best = context.state(ValueStateDescriptor.of("best", StateCodecs.longArrays()));
  }

  @Override
  public void onEvent(Long windowEnd, HotItem item, long timestamp, Output<HotItem> output) {
    long[] b = best.getForUpdate(windowEnd);
    if (b == null) {
      best.put(windowEnd, new long[] {item.auction, item.count});
      timers.registerEventTimeTimer(windowEnd, item.windowEnd - 1);
    } else if (HotItem.ranksAbove(item.count, item.auction, b[1], b[0])) {
      b[0] = item.auction;
      b[1] = item.count;
    }
  }

  @Override
  public void onTimer(Long windowEnd, long time, Output<HotItem> output) {
    long[] b = best.get(windowEnd);
    best.remove(windowEnd);
    output.emit(new HotItem(windowEnd, b[0], b[1]));
  }
}
