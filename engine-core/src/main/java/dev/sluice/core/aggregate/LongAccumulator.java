package dev.sluice.core.aggregate;

/** A mutable {@code long}, the accumulator of counting and summing. Not thread-safe. */
public final class LongAccumulator {
  private long value;

  /** Creates an accumulator at 0. */
  public LongAccumulator() {}

  /** Creates an accumulator at {@code value}. */
  public LongAccumulator(long value) {
    this.value = value;
  }

  /** The value. */
  public long get() {
    return value;
  }

  /** Sets the value. */
  public void set(long value) {
    this.value = value;
  }

  /** Adds {@code delta}. */
  public void add(long delta) {
    value += delta;
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
