package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.Arrays;
import java.util.Objects;

/** A record as its components in declaration order, each with its own codec. */
public final class RecordCodec<R extends Record> implements StateCodec<R> {
  private final Class<R> type;
  private final StateCodec<Object>[] components;
  private final RecordAccess access;

  @SuppressWarnings("unchecked")
  public RecordCodec(Class<R> type, StateCodec<?>... componentCodecs) {
    Objects.requireNonNull(type, "record type");
    Objects.requireNonNull(componentCodecs, "component codecs");
    this.access = RecordAccess.of(type);
    if (componentCodecs.length != access.size()) {
      throw new IllegalArgumentException(
          "record "
              + type.getName()
              + " has "
              + access.size()
              + " components "
              + Arrays.toString(access.names)
              + " but "
              + componentCodecs.length
              + " codecs were given");
    }
    this.type = type;
    this.components = (StateCodec<Object>[]) new StateCodec<?>[componentCodecs.length];
    for (int i = 0; i < componentCodecs.length; i++) {
      components[i] =
          (StateCodec<Object>)
              Objects.requireNonNull(
                  componentCodecs[i], "codec of component '" + access.names[i] + "'");
    }
  }

  @Override
  public void encode(R value, DataOutput out) throws IOException {
    for (int i = 0; i < components.length; i++) {
      Object component = access.component(value, i);
      try {
        components[i].encode(component, out);
      } catch (NullPointerException e) {
        if (component != null) {
          throw e;
        }
        NullPointerException clear =
            new NullPointerException(
                "component '"
                    + access.names[i]
                    + "' of "
                    + type.getName()
                    + " is null: wrap its codec in StateCodecs.nullable(..)");
        clear.initCause(e);
        throw clear;
      }
    }
  }

  @Override
  public R decode(DataInput in) throws IOException {
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = components[i].decode(in);
    }
    try {
      return type.cast(access.construct(values));
    } catch (RuntimeException e) {
      InvalidObjectException clear =
          new InvalidObjectException(
              "cannot construct " + type.getName() + " from the decoded components: " + e);
      clear.initCause(e);
      throw clear;
    }
  }

  @Override
  public String formatId() {
    StringBuilder b = new StringBuilder("record<").append(type.getName()).append(">(");
    for (int i = 0; i < components.length; i++) {
      b.append(i == 0 ? "" : ",").append(components[i].formatId());
    }
    return b.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordCodec<?> other
        && other.type == type
        && Arrays.equals(other.components, components);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(components);
  }

  @Override
  public String toString() {
    return formatId();
  }
}
