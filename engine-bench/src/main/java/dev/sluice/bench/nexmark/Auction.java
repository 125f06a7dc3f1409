package dev.sluice.bench.nexmark;

/**
 * A NEXMark auction opened by {@code seller} in {@code category} at {@code dateTime}, closing at
 * {@code expires}.
 *
 * <p>A POJO for Flink's serializer (public fields, no-argument constructor); never mutated after
 * generation.
 */
public final class Auction {
  /** Auction id, unique. */
  public long id;
  /** Person id of the seller. */
  public long seller;
  /** Category id (10 to 14). */
  public long category;
  /** Opening price, in cents. */
  public long initialBid;
  /** Closing time, epoch milliseconds. */
  public long expires;
  /** Event time, epoch milliseconds. */
  public long dateTime;

  /** For serializers. */
  public Auction() {}

  /** An auction with every field given. */
  public Auction(
      long id, long seller, long category, long initialBid, long expires, long dateTime) {
    this.id = id;
    this.seller = seller;
    this.category = category;
    this.initialBid = initialBid;
    this.expires = expires;
    this.dateTime = dateTime;
  }

  @Override
  public String toString() {
    return "Auction{id=" + id + ", seller=" + seller + ", category=" + category + ", dateTime="
        + dateTime + '}';
  }
}
