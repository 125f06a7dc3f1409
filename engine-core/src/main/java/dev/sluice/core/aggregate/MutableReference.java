package dev.sluice.core.aggregate;

/** A mutable holder of one value, the accumulator of min/max/reduce. Not thread-safe. */
public final class MutableReference<T> {
  /** Creates an empty accumulator. */
  public MutableReference() {}

  private T value;

  /** The value, or null if none. */
  public T get() {
    return value;
  }

  /** Sets the value. */
  public void set(T value) {
    this.value = value;
  }
}
