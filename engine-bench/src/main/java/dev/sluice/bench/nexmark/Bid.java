package dev.sluice.bench.nexmark;

/**
 * A NEXMark bid: {@code bidder} offers {@code price} for {@code auction} at {@code dateTime}
 * (event time, epoch milliseconds).
 *
 * <p>Public mutable fields and a no-argument constructor make it a POJO for Flink's serializer;
 * the benchmarks never mutate a bid after generation.
 */
public final class Bid {
  /** Auction id the bid is for. */
  public long auction;
  /** Person id of the bidder. */
  public long bidder;
  /** Offered price, in cents. */
  public long price;
  /** Event time, epoch milliseconds. */
  public long dateTime;

  /** For serializers. */
  public Bid() {}

  /** A bid with every field given. */
  public Bid(long auction, long bidder, long price, long dateTime) {
    this.auction = auction;
    this.bidder = bidder;
    this.price = price;
    this.dateTime = dateTime;
  }

  /** Event time, for time extractors. */
  public long getDateTime() {
    return dateTime;
  }

  @Override
  public String toString() {
    return "Bid{auction=" + auction + ", bidder=" + bidder + ", price=" + price + ", dateTime="
        + dateTime + '}';
  }
}
