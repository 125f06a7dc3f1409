package dev.sluice.bench.core;

import java.util.SplittableRandom;

/** A NEXMark-style bid, pre-generated so that measurement allocates no events. */
public final class Bid {
  public final long auction;
  public final long bidder;
  public final long price;
  public final long dateTime;
  public final String channel;
  /** Set by the latency benchmark at emission. */
  public long emitNanos;

  Bid(long auction, long bidder, long price, long dateTime, String channel) {
    this.auction = auction;
    this.bidder = bidder;
    this.price = price;
    this.dateTime = dateTime;
    this.channel = channel;
  }

  /** {@code n} deterministic bids. */
  public static Bid[] generate(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] channels = {"web", "mobile", "api", "partner"};
    Bid[] out = new Bid[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          new Bid(r.nextLong(1_000_000), r.nextLong(100_000), 100 + r.nextLong(10_000), i,
              channels[r.nextInt(channels.length)]);
    }
    return out;
  }
}
