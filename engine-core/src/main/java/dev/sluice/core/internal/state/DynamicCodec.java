package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A self-describing codec: a one-byte type tag, then the value. Handles null, strings, boxed
 * primitives, UUIDs, enums and records by class name, and lists, sets and maps of such values;
 * other {@link Serializable} values fall back to Java serialization (tag {@link #SERIALIZED}, the
 * only tag that makes the decoder run Java deserialization). Classes are resolved through the
 * loader given at construction, or if none, the decoding thread's context class loader.
 */
public record DynamicCodec(ClassLoader loader) implements StateCodec<Object> {
  static final int NULL = 0;
  static final int STRING = 1;
  static final int LONG = 2;
  static final int INT = 3;
  static final int SHORT = 4;
  static final int BYTE = 5;
  static final int CHAR = 6;
  static final int BOOLEAN = 7;
  static final int DOUBLE = 8;
  static final int FLOAT = 9;
  static final int UUID_TAG = 10;
  static final int ENUM = 11;
  static final int RECORD = 12;
  static final int LIST = 13;
  static final int SET = 14;
  static final int MAP = 15;
  static final int SERIALIZED = 16;

  /** The codec that resolves classes through the decoding thread's context class loader. */
  public static final DynamicCodec CONTEXT_LOADER = new DynamicCodec(null);

  @Override
  public void encode(Object value, DataOutput out) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
      return;
    }
    Class<?> type = value.getClass();
    if (type == String.class) {
      out.writeByte(STRING);
      CodecIo.writeString(out, (String) value);
    } else if (type == Long.class) {
      out.writeByte(LONG);
      out.writeLong((Long) value);
    } else if (type == Integer.class) {
      out.writeByte(INT);
      out.writeInt((Integer) value);
    } else if (type == Short.class) {
      out.writeByte(SHORT);
      out.writeShort((Short) value);
    } else if (type == Byte.class) {
      out.writeByte(BYTE);
      out.writeByte((Byte) value);
    } else if (type == Character.class) {
      out.writeByte(CHAR);
      out.writeChar((Character) value);
    } else if (type == Boolean.class) {
      out.writeByte(BOOLEAN);
      out.writeBoolean((Boolean) value);
    } else if (type == Double.class) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits((Double) value));
    } else if (type == Float.class) {
      out.writeByte(FLOAT);
      out.writeInt(Float.floatToRawIntBits((Float) value));
    } else if (type == UUID.class) {
      UUID u = (UUID) value;
      out.writeByte(UUID_TAG);
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
    } else if (value instanceof Enum<?> e) {
      out.writeByte(ENUM);
      CodecIo.writeString(out, e.getDeclaringClass().getName());
      CodecIo.writeString(out, e.name());
    } else if (type.isRecord()) {
      encodeRecord(value, type, out);
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      encodeElements(list, "List", out);
    } else if (value instanceof Set<?> set) {
      out.writeByte(SET);
      encodeElements(set, "Set", out);
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      CodecIo.writeVarInt(out, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        encodeInside(entry.getKey(), "a Map key", out);
        encodeInside(entry.getValue(), "a Map value", out);
      }
    } else if (value instanceof Serializable) {
      out.writeByte(SERIALIZED);
      CodecIo.writeByteArray(out, SerializableCodec.serialize(value));
    } else {
      throw new IllegalArgumentException(
          "the dynamic state codec cannot encode a "
              + type.getName()
              + ": it is not a String, boxed primitive, UUID, enum, record, List, Set or Map, and"
              + " not Serializable; give the state a codec for this type");
    }
  }

  private void encodeRecord(Object value, Class<?> type, DataOutput out) throws IOException {
    RecordAccess access = RecordAccess.of(type);
    out.writeByte(RECORD);
    CodecIo.writeString(out, type.getName());
    CodecIo.writeVarInt(out, access.size());
    for (int i = 0; i < access.size(); i++) {
      encodeInside(
          access.component(value, i),
          "component '" + access.names[i] + "' of record " + type.getName(),
          out);
    }
  }

  private void encodeElements(Collection<?> elements, String kind, DataOutput out)
      throws IOException {
    CodecIo.writeVarInt(out, elements.size());
    for (Object e : elements) {
      encodeInside(e, "a " + kind + " element", out);
    }
  }

  private void encodeInside(Object value, String where, DataOutput out) throws IOException {
    try {
      encode(value, out);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (in " + where + ")", e);
    }
  }

  @Override
  public Object decode(DataInput in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return CodecIo.readString(in);
      case LONG:
        return in.readLong();
      case INT:
        return in.readInt();
      case SHORT:
        return in.readShort();
      case BYTE:
        return in.readByte();
      case CHAR:
        return in.readChar();
      case BOOLEAN:
        return in.readBoolean();
      case DOUBLE:
        return Double.longBitsToDouble(in.readLong());
      case FLOAT:
        return Float.intBitsToFloat(in.readInt());
      case UUID_TAG:
        return new UUID(in.readLong(), in.readLong());
      case ENUM:
        return decodeEnum(in);
      case RECORD:
        return decodeRecord(in);
      case LIST:
        {
          int n = CodecIo.readVarInt(in);
          List<Object> list = new ArrayList<>(CodecIo.initialCapacity(n));
          for (int i = 0; i < n; i++) {
            list.add(decode(in));
          }
          return list;
        }
      case SET:
        {
          int n = CodecIo.readVarInt(in);
          Set<Object> set = new LinkedHashSet<>(CodecIo.initialCapacity(n) * 2);
          for (int i = 0; i < n; i++) {
            set.add(decode(in));
          }
          return set;
        }
      case MAP:
        {
          int n = CodecIo.readVarInt(in);
          Map<Object, Object> map = new LinkedHashMap<>(CodecIo.initialCapacity(n) * 2);
          for (int i = 0; i < n; i++) {
            Object k = decode(in);
            map.put(k, decode(in));
          }
          return map;
        }
      case SERIALIZED:
        return SerializableCodec.deserialize(CodecIo.readByteArray(in), resolvingLoader());
      default:
        throw new StreamCorruptedException("unknown dynamic codec type tag " + tag);
    }
  }

  private Object decodeEnum(DataInput in) throws IOException {
    String className = CodecIo.readString(in);
    String name = CodecIo.readString(in);
    Class<?> type = resolve(className);
    if (!type.isEnum()) {
      throw new InvalidClassException(className, "is not an enum, but the snapshot says it is");
    }
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new InvalidObjectException(className + " has no constant named '" + name + "'");
  }

  private Object decodeRecord(DataInput in) throws IOException {
    String className = CodecIo.readString(in);
    int n = CodecIo.readVarInt(in);
    Class<?> type = resolve(className);
    if (!type.isRecord()) {
      throw new InvalidClassException(className, "is not a record, but the snapshot says it is");
    }
    RecordAccess access = RecordAccess.of(type);
    if (access.size() != n) {
      throw new InvalidClassException(
          className, "has " + access.size() + " components, the snapshot has " + n);
    }
    Object[] components = new Object[n];
    for (int i = 0; i < n; i++) {
      components[i] = decode(in);
    }
    try {
      return access.construct(components);
    } catch (RuntimeException e) {
      InvalidObjectException clear =
          new InvalidObjectException(
              "cannot construct " + className + " from the decoded components: " + e);
      clear.initCause(e);
      throw clear;
    }
  }

  private Class<?> resolve(String className) throws InvalidClassException {
    try {
      return Class.forName(className, false, resolvingLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      InvalidClassException clear =
          new InvalidClassException(className, "not found by the state codec's class loader");
      clear.initCause(e);
      throw clear;
    }
  }

  private ClassLoader resolvingLoader() {
    if (loader != null) {
      return loader;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DynamicCodec.class.getClassLoader();
  }

  @Override
  public String formatId() {
    return "dynamic";
  }
}
