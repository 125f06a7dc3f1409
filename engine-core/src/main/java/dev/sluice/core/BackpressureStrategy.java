package dev.sluice.core;

/**
 * What a full edge or source buffer does with the next event.
 *
 * <ul>
 *   <li>{@link #BLOCK} (the default) — the producer waits; nothing is lost. A worker never
 *       blocks: its tasklet stops taking input until the edge has room.
 *   <li>{@link #DROP_NEWEST} — the arriving event is dropped and counted.
 *   <li>{@link #DROP_OLDEST} — the oldest batch waiting in the edge (at most one batch of events)
 *       is dropped and counted, making room for the arriving event.
 *   <li>{@link #sample(double)} — while the edge is full, only a fraction of arriving events is
 *       kept (every ⌈1/rate⌉-th one, deterministically); a kept event waits as under BLOCK, the
 *       others are dropped and counted. With room, nothing is dropped.
 * </ul>
 *
 * <p>Control items (watermarks, end of stream) are never dropped. Every dropped event is counted
 * against the stage whose input dropped it ({@link StageCounts#dropped()}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BackpressureStrategy {

  /** The kinds of strategy. */
  public enum Kind {
    /** Wait for room. */
    BLOCK,
    /** Drop the arriving event. */
    DROP_NEWEST,
    /** Drop the oldest queued events. */
    DROP_OLDEST,
    /** Keep a fraction of arriving events while full. */
    SAMPLE
  }

  /** Wait for room; lose nothing. */
  public static final BackpressureStrategy BLOCK = new BackpressureStrategy(Kind.BLOCK, 1.0);

  /** Drop the arriving event when full. */
  public static final BackpressureStrategy DROP_NEWEST =
      new BackpressureStrategy(Kind.DROP_NEWEST, 0.0);

  /** Drop the oldest waiting batch when full. */
  public static final BackpressureStrategy DROP_OLDEST =
      new BackpressureStrategy(Kind.DROP_OLDEST, 0.0);

  private final Kind kind;
  private final double rate;

  private BackpressureStrategy(Kind kind, double rate) {
    this.kind = kind;
    this.rate = rate;
  }

  /**
   * While full, keep a fraction {@code rate} of arriving events and drop the rest.
   *
   * @param rate the kept fraction, in (0, 1]
   * @throws IllegalArgumentException if {@code rate} is not in (0, 1]
   */
  public static BackpressureStrategy sample(double rate) {
    if (!(rate > 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException("sample rate must be in (0, 1], was " + rate);
    }
    return new BackpressureStrategy(Kind.SAMPLE, rate);
  }

  /** The kind of strategy. */
  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#SAMPLE}, the kept fraction; 1 for BLOCK, 0 for the dropping kinds. */
  public double rate() {
    return rate;
  }

  /** For {@link Kind#SAMPLE}: one event in this many is kept while full. */
  public int sampleEvery() {
    return kind == Kind.SAMPLE ? (int) Math.max(1, Math.ceil(1.0 / rate - 1e-9)) : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackpressureStrategy b
        && b.kind == kind
        && Double.compare(b.rate, rate) == 0;
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Double.hashCode(rate);
  }

  @Override
  public String toString() {
    return kind == Kind.SAMPLE ? "SAMPLE(" + rate + ")" : kind.name();
  }
}
