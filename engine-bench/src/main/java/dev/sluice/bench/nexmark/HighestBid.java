package dev.sluice.bench.nexmark;

/**
 * Q7 output: the highest bid of the tumbling window ending at {@code windowEnd} (exclusive).
 * Ties on price go to the smaller auction id, then the smaller bidder id, then the earlier time.
 *
 * <p>A POJO for Flink (public fields, no-argument constructor).
 */
public final class HighestBid {
  /** Window end, exclusive, epoch milliseconds. */
  public long windowEnd;
  /** The bid's auction. */
  public long auction;
  /** The bid's bidder. */
  public long bidder;
  /** The bid's price. */
  public long price;
  /** The bid's time. */
  public long dateTime;

  /** For serializers. */
  public HighestBid() {}

  /** A result with every field given. */
  public HighestBid(long windowEnd, long auction, long bidder, long price, long dateTime) {
    this.windowEnd = windowEnd;
    this.auction = auction;
    this.bidder = bidder;
    this.price = price;
    this.dateTime = dateTime;
  }

  /** The result for window {@code windowEnd} whose highest bid is {@code b}. */
  public static HighestBid of(long windowEnd, Bid b) {
    return new HighestBid(windowEnd, b.auction, b.bidder, b.price, b.dateTime);
  }

  /** True if bid (price, auction, bidder, time) {@code a} ranks above {@code b} in Q7. */
  public static boolean ranksAbove(
      long priceA, long auctionA, long bidderA, long timeA,
      long priceB, long auctionB, long bidderB, long timeB) {
    if (priceA != priceB) {
      return priceA > priceB;
    }
    if (auctionA != auctionB) {
      return auctionA < auctionB;
    }
    if (bidderA != bidderB) {
      return bidderA < bidderB;
    }
    return timeA < timeB;
  }

  /** The higher of two bids in Q7's order. */
  public static Bid higher(Bid a, Bid b) {
    return ranksAbove(a.price, a.auction, a.bidder, a.dateTime, b.price, b.auction, b.bidder,
            b.dateTime)
        ? a
        : b;
  }

  /** Q7's order as a comparator result: positive if {@code a} ranks above {@code b}. */
  public static int compare(Bid a, Bid b) {
    if (a == b) {
      return 0;
    }
    if (a.price == b.price && a.auction == b.auction && a.bidder == b.bidder
        && a.dateTime == b.dateTime) {
      return 0;
    }
    return higher(a, b) == a ? 1 : -1;
  }

  /** This result's contribution to a {@link ResultDigest}. */
  public long digest() {
    return ResultDigest.mix(windowEnd, auction, bidder, price, dateTime);
  }

  @Override
  public String toString() {
    return "HighestBid{windowEnd=" + windowEnd + ", auction=" + auction + ", bidder=" + bidder
        + ", price=" + price + ", dateTime=" + dateTime + '}';
  }
}
