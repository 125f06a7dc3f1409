package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * A mutable holder of one item with its timestamp, possibly empty: the accumulator of {@link
 * Aggregations#firstByTime} and {@link Aggregations#lastByTime}.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none.
 *
 * @param <T> the item type
 */
public final class TimestampedReference<T> {
  private T value;
  private long timestamp;
  private boolean present;

  /** Creates an empty holder. */
  public TimestampedReference() {}

  /** True if an item was set. */
  public boolean isPresent() {
    return present;
  }

  /** The item, or null if empty. */
  public T get() {
    return value;
  }

  /**
   * The item's timestamp.
   *
   * @throws IllegalStateException if empty
   */
  public long timestamp() {
    if (!present) {
      throw new IllegalStateException("no value");
    }
    return timestamp;
  }

  /** Sets the item and its timestamp. */
  public void set(T value, long timestamp) {
    this.value = value;
    this.timestamp = timestamp;
    this.present = true;
  }

  /**
   * Keeps {@code value} if the holder is empty or {@code timestamp} is strictly earlier than the
   * held one: on equal timestamps the item offered first stays.
   */
  public void keepEarliest(T value, long timestamp) {
    if (!present || timestamp < this.timestamp) {
      set(value, timestamp);
    }
  }

  /**
   * Keeps {@code value} if the holder is empty or {@code timestamp} is at or after the held one:
   * on equal timestamps the item offered last wins.
   */
  public void keepLatest(T value, long timestamp) {
    if (!present || timestamp >= this.timestamp) {
      set(value, timestamp);
    }
  }

  /** Writes a presence byte, the timestamp and the item with {@code valueCodec}. */
  public static <T> StateCodec<TimestampedReference<T>> codec(StateCodec<T> valueCodec) {
    Objects.requireNonNull(valueCodec, "valueCodec");
    return new StateCodec<>() {
      @Override
      public void encode(TimestampedReference<T> ref, DataOutput out) throws IOException {
        out.writeBoolean(ref.present);
        if (ref.present) {
          out.writeLong(ref.timestamp);
          valueCodec.encode(ref.value, out);
        }
      }

      @Override
      public TimestampedReference<T> decode(DataInput in) throws IOException {
        TimestampedReference<T> ref = new TimestampedReference<>();
        if (in.readBoolean()) {
          long timestamp = in.readLong();
          ref.set(valueCodec.decode(in), timestamp);
        }
        return ref;
      }

      @Override
      public String formatId() {
        return "sluice.aggregate.timestamped-reference/1<" + valueCodec.formatId() + ">";
      }
    };
  }

  @Override
  public String toString() {
    return present
        ? "TimestampedReference[" + value + " @ " + timestamp + "]"
        : "TimestampedReference[empty]";
  }
}
