package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.Objects;

/** An enum constant by its name, so that reordering the constants keeps old snapshots valid. */
public record EnumCodec<E extends Enum<E>>(Class<E> type) implements StateCodec<E> {
  public EnumCodec {
    Objects.requireNonNull(type, "enum type");
    if (!type.isEnum()) {
      throw new IllegalArgumentException(type.getName() + " is not an enum");
    }
  }

  @Override
  public void encode(E value, DataOutput out) throws IOException {
    CodecIo.writeString(out, value.name());
  }

  @Override
  public E decode(DataInput in) throws IOException {
    String name = CodecIo.readString(in);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException(type.getName() + " has no constant named '" + name + "'");
    }
  }

  @Override
  public String formatId() {
    return "enum<" + type.getName() + ">";
  }
}
