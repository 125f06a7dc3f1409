package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_SLIDE_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_WINDOW_MILLIS;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodecs;

/**
 * Q5 by hand, first stage: bids per auction in 10 s windows sliding by 2 s, written as a user
 * would on the keyed-operator SPI (the reference the windowing library must not be slower than).
 *
 * <p>Keyed by auction. Each bid is counted once, into its 2 s slice (namespaced state: auction ×
 * slice end → count). The first bid of an auction in a slice registers event-time timers for the
 * five windows the slice belongs to (at window end − 1); a timer sums the window's five slices,
 * emits a {@link HotItem} and drops the slice that leaves the window. All state is managed state.
 *
 * <p>Allocation per event: none beyond the key's boxing upstream (the boxed slice end is cached
 * while it does not change); a new slice allocates its counter.
 */
public final class HotItemsCountOperator implements KeyedOperator<Long, Bid, HotItem> {
  private static final int SLICES_PER_WINDOW = (int) (Q5_WINDOW_MILLIS / Q5_SLIDE_MILLIS);

  private NamespacedState<Long, Long, long[]> slices;
  private TimerService<Long> timers;
  private long cachedSliceEnd = Long.MIN_VALUE;
  private Long cachedSliceEndBoxed;

  @Override
  public void open(KeyedOperatorContext<Long> context) {
    timers = context.timers();
    slices =
        context.namespacedState(
            NamespacedStateDescriptor.of("slices", StateCodecs.longs(), StateCodecs.longArrays()));
  }

  @Override
  public void onEvent(Long auction, Bid bid, long timestamp, Output<HotItem> output) {
    long sliceEnd = Math.floorDiv(timestamp, Q5_SLIDE_MILLIS) * Q5_SLIDE_MILLIS + Q5_SLIDE_MILLIS;
    if (sliceEnd != cachedSliceEnd) {
      cachedSliceEnd = sliceEnd;
      cachedSliceEndBoxed = sliceEnd;
    }
    long[] count = slices.getForUpdate(auction, cachedSliceEndBoxed);
    if (count != null) {
      count[0]++;
      return;
    }
    slices.put(auction, cachedSliceEndBoxed, new long[] {1});
    for (int k = 0; k < SLICES_PER_WINDOW; k++) {
      timers.registerEventTimeTimer(auction, sliceEnd + k * Q5_SLIDE_MILLIS - 1);
    }
  }

  @Override
  public void onTimer(
      Long auction, Object namespace, long time, TimeDomain domain, Output<HotItem> output) {
    long windowEnd = time + 1;
    long oldestSliceEnd = windowEnd - Q5_WINDOW_MILLIS + Q5_SLIDE_MILLIS;
    long sum = 0;
    for (long end = oldestSliceEnd; end <= windowEnd; end += Q5_SLIDE_MILLIS) {
      long[] count = slices.get(auction, end);
      if (count != null) {
        sum += count[0];
      }
    }
    slices.remove(auction, oldestSliceEnd);
    output.emit(new HotItem(windowEnd, auction, sum));
  }
}
