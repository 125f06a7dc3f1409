package dev.sluice.scenario.journey.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts arrivals in flight against a cap, from the moment their work starts to the moment it
 * really ends (for HTTP: the exchange, not mapAsync's view of it, which may have abandoned it on a
 * timeout). Remembers the largest count seen and the last time a slot was freed while all were
 * busy, which tells whether an arrival was held back by the cap. Thread-safe, lock-free.
 */
public final class Slots {
  private final int cap;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private final AtomicLong lastReleaseFromFull = new AtomicLong(Long.MIN_VALUE);

  /** Slots for at most {@code cap} at once. */
  public Slots(int cap) {
    this.cap = cap;
  }

  /** Takes a slot unless all are busy. */
  public boolean tryAcquire() {
    while (true) {
      int n = active.get();
      if (n >= cap) {
        return false;
      }
      if (active.compareAndSet(n, n + 1)) {
        maxActive.accumulateAndGet(n + 1, Math::max);
        return true;
      }
    }
  }

  /** Frees a slot taken by {@link #tryAcquire()}. */
  public void release() {
    if (active.getAndDecrement() == cap) {
      long now = System.nanoTime();
      lastReleaseFromFull.accumulateAndGet(now, Math::max);
    }
  }

  /**
   * True if, after {@code intendedNanos}, all slots were busy at some moment (a slot was freed
   * while the cap was reached): an arrival due then and starting now was held back by the cap.
   */
  public boolean capReachedSince(long intendedNanos) {
    long last = lastReleaseFromFull.get();
    return last != Long.MIN_VALUE && last - intendedNanos > 0;
  }

  /** Slots in use now. */
  public int active() {
    return active.get();
  }

  /** The most slots ever in use at once. */
  public int maxActive() {
    return maxActive.get();
  }
}
