package dev.sluice.core.aggregate;

import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

  /** Writes the held value (null or not) with {@code valueCodec}. */
  public static <T> StateCodec<MutableReference<T>> codec(StateCodec<T> valueCodec) {
    StateCodec<T> nullable = StateCodecs.nullable(valueCodec);
    return new StateCodec<>() {
      @Override
      public void encode(MutableReference<T> value, DataOutput out) throws IOException {
        nullable.encode(value.value, out);
      }

      @Override
      public MutableReference<T> decode(DataInput in) throws IOException {
        MutableReference<T> r = new MutableReference<>();
        r.value = nullable.decode(in);
        return r;
      }
    };
  }
}
