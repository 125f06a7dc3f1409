package dev.sluice.bench.core;

import java.util.SplittableRandom;

/**
 * NEXMark event streams, pre-generated so that measurement allocates no input: in NEXMark's
 * proportions, of every 50 events 1 is a person, 3 are auctions and 46 are bids. Persons and
 * auctions are {@link NexmarkEvent.Other} (the queries measured here ignore them).
 */
final class NexmarkEvent {
  private NexmarkEvent() {}

  /** A person or auction, reduced to its id. */
  static final class Other {
    final long id;

    Other(long id) {
      this.id = id;
    }
  }

  /** {@code n} deterministic events. */
  static Object[] generate(int n, long seed) {
    Bid[] bids = Bid.generate(n, seed);
    SplittableRandom r = new SplittableRandom(seed + 1);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = i % 50 < 4 ? new Other(r.nextLong(1_000_000)) : bids[i];
    }
    return out;
  }

  /** NEXMark Q1, currency conversion: the bid with its price in euros. */
  static Bid toEuros(Bid b) {
    return new Bid(b.auction, b.bidder, b.price * 89 / 100, b.dateTime, b.channel);
  }
}
