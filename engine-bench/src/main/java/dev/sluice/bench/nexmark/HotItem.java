package dev.sluice.bench.nexmark;

/**
 * Q5 output: in the sliding window ending at {@code windowEnd} (exclusive), {@code auction} had
 * {@code count} bids. The query's final output has one per window: the auction with the most
 * bids, the smaller auction id on a tie.
 *
 * <p>A POJO for Flink (public fields, no-argument constructor).
 */
public final class HotItem {
  /** Window end, exclusive, epoch milliseconds. */
  public long windowEnd;
  /** Auction id. */
  public long auction;
  /** Bids on the auction in the window. */
  public long count;

  /** For serializers. */
  public HotItem() {}

  /** A result with every field given. */
  public HotItem(long windowEnd, long auction, long count) {
    this.windowEnd = windowEnd;
    this.auction = auction;
    this.count = count;
  }

  /** True if {@code a} ranks above {@code b}: more bids, or as many and a smaller auction id. */
  public static boolean ranksAbove(long countA, long auctionA, long countB, long auctionB) {
    return countA > countB || (countA == countB && auctionA < auctionB);
  }

  /** The better of two results of one window (see {@link #ranksAbove}). */
  public static HotItem better(HotItem a, HotItem b) {
    return ranksAbove(a.count, a.auction, b.count, b.auction) ? a : b;
  }

  /** This result's contribution to a {@link ResultDigest}. */
  public long digest() {
    return ResultDigest.mix(windowEnd, auction, count);
  }

  @Override
  public String toString() {
    return "HotItem{windowEnd=" + windowEnd + ", auction=" + auction + ", count=" + count + '}';
  }
}
