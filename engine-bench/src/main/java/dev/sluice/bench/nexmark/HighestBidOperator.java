package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.NexmarkQueries.Q7_WINDOW_MILLIS;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;

/**
 * Q7 by hand: keyed by the end of the bid's 10 s tumbling window, keeps the window's highest bid
 * (price, auction, bidder, time) in keyed state and emits a {@link HighestBid} when the watermark
 * passes the window's end (an event-time timer at end − 1).
 *
 * <p>Allocation per event: none here (the key is boxed upstream); a new window allocates its
 * state.
 */
public final class HighestBidOperator implements KeyedOperator<Long, Bid, HighestBid> {
  private KeyedState<Long, long[]> highest; // window end -> {price, auction, bidder, time}
  private TimerService<Long> timers;

  /** The key Q7 partitions by: the end of the bid's window. */
  public static long windowEnd(Bid bid) {
    return Math.floorDiv(bid.dateTime, Q7_WINDOW_MILLIS) * Q7_WINDOW_MILLIS + Q7_WINDOW_MILLIS;
  }

  @Override
  public void open(KeyedOperatorContext<Long> context) {
    timers = context.timers();
    highest = context.state(ValueStateDescriptor.of("highest", StateCodecs.longArrays()));
  }

  @Override
  public void onEvent(Long windowEnd, Bid bid, long timestamp, Output<HighestBid> output) {
    long[] h = highest.getForUpdate(windowEnd);
    if (h == null) {
      highest.put(windowEnd, new long[] {bid.price, bid.auction, bid.bidder, bid.dateTime});
      timers.registerEventTimeTimer(windowEnd, windowEnd - 1);
    } else if (HighestBid.ranksAbove(
        bid.price, bid.auction, bid.bidder, bid.dateTime, h[0], h[1], h[2], h[3])) {
      h[0] = bid.price;
      h[1] = bid.auction;
      h[2] = bid.bidder;
      h[3] = bid.dateTime;
    }
  }

  @Override
  public void onTimer(Long windowEnd, long time, Output<HighestBid> output) {
    long[] h = highest.get(windowEnd);
    highest.remove(windowEnd);
    output.emit(new HighestBid(windowEnd, h[1], h[2], h[0], h[3]));
  }
}
