package dev.sluice.bench.nexmark;

/**
 * Deterministic generator of the CEP benchmark's events.
 *
 * <p>Events are created in time order, {@code eventsPerTick} per tick of {@code tickMillis}
 * milliseconds of event time starting at {@link NexmarkGenerator#BASE_TIME}, each on a uniformly
 * random key among {@code keys} — never a key already used in the same tick, so no two events of
 * one key share a time and "A followed by B" is unambiguous. (Ticks longer than a millisecond make
 * times coarse, so that a B exactly 5 s after an A is common: tests use that to check the bound.) Types are A with probability 1/5, B 1/5, other 3/5.
 * Arrival order is then shuffled within consecutive blocks of {@code shuffleBlock} events, which
 * gives bounded disorder; the exact bound is measured and returned.
 *
 * <p>Not thread-safe; allocates only the events and their array.
 */
public final class CepEventGenerator {
  private final long seed;
  private final int keys;
  private final int eventsPerTick;
  private final long tickMillis;
  private final int shuffleBlock;

  /**
   * A generator.
   *
   * @param seed the seed; equal seeds give equal events
   * @param keys number of distinct keys, more than {@code eventsPerTick}
   * @param eventsPerTick events per tick of event time
   * @param tickMillis length of a tick in milliseconds
   * @param shuffleBlock arrival order is shuffled within blocks of this many events (1: none)
   * @throws IllegalArgumentException if an argument is out of range
   */
  public CepEventGenerator(
      long seed, int keys, int eventsPerTick, long tickMillis, int shuffleBlock) {
    if (eventsPerTick <= 0 || keys <= eventsPerTick || tickMillis <= 0 || shuffleBlock <= 0) {
      throw new IllegalArgumentException(
          "need keys > eventsPerTick > 0, tickMillis > 0 and shuffleBlock > 0, were "
              + keys + ", " + eventsPerTick + ", " + tickMillis + ", " + shuffleBlock);
    }
    this.seed = seed;
    this.keys = keys;
    this.eventsPerTick = eventsPerTick;
    this.tickMillis = tickMillis;
    this.shuffleBlock = shuffleBlock;
  }

  /** The benchmark's generator: 10,000 keys, 10 events per millisecond, blocks of 64. */
  public static CepEventGenerator standard(long seed) {
    return new CepEventGenerator(seed, 10_000, 10, 1, 64);
  }

  /** The first {@code n} events. */
  public CepEvents generate(int n) {
    SplitMix r = new SplitMix().reseed(seed, -1);
    CepEvent[] events = new CepEvent[n];
    long[] used = new long[eventsPerTick];
    for (int i = 0; i < n; i++) {
      int slot = i % eventsPerTick;
      long key;
      boolean taken;
      do {
        key = r.nextInt(keys);
        taken = false;
        for (int j = 0; j < slot; j++) {
          taken |= used[j] == key;
        }
      } while (taken);
      used[slot] = key;
      int roll = r.nextInt(5);
      int type = roll == 0 ? CepEvent.A : roll == 1 ? CepEvent.B : CepEvent.OTHER;
      long tick = i / eventsPerTick;
      events[i] = new CepEvent(key, type, NexmarkGenerator.BASE_TIME + tick * tickMillis);
    }
    for (int start = 0; start < n; start += shuffleBlock) {
      int end = Math.min(n, start + shuffleBlock);
      for (int i = end - 1; i > start; i--) {
        int j = start + r.nextInt(i - start + 1);
        CepEvent t = events[i];
        events[i] = events[j];
        events[j] = t;
      }
    }
    long maxSeen = Long.MIN_VALUE;
    long bound = 0;
    for (CepEvent e : events) {
      if (e.time < maxSeen) {
        bound = Math.max(bound, maxSeen - e.time);
      }
      maxSeen = Math.max(maxSeen, e.time);
    }
    return new CepEvents(events, bound);
  }
}
