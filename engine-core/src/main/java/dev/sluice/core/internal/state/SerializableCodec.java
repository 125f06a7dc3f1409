package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization, length-prefixed. Slow and bulky; the fallback for types with no codec.
 * Classes are resolved through the thread's context class loader, then the default.
 */
public final class SerializableCodec implements StateCodec<Object> {
  public static final SerializableCodec INSTANCE = new SerializableCodec();

  private SerializableCodec() {}

  @Override
  public void encode(Object value, DataOutput out) throws IOException {
    CodecIo.writeByteArray(out, serialize(value));
  }

  @Override
  public Object decode(DataInput in) throws IOException {
    return deserialize(CodecIo.readByteArray(in), null);
  }

  @Override
  public String formatId() {
    return "java-serialization";
  }

  @Override
  public String toString() {
    return formatId();
  }

  static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      NotSerializableException clear =
          new NotSerializableException(
              "Java serialization of "
                  + value.getClass().getName()
                  + " failed: "
                  + e.getMessage()
                  + " is not Serializable; give the state a codec for this type");
      clear.initCause(e);
      throw clear;
    }
    return bytes.toByteArray();
  }

  static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException {
    ClassLoader resolving = loader != null ? loader : Thread.currentThread().getContextClassLoader();
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes)) {
          @Override
          protected Class<?> resolveClass(ObjectStreamClass desc)
              throws IOException, ClassNotFoundException {
            if (resolving != null) {
              try {
                return Class.forName(desc.getName(), false, resolving);
              } catch (ClassNotFoundException e) {
                // fall through to the default resolution (primitives, the caller's loader)
              }
            }
            return super.resolveClass(desc);
          }
        }) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      InvalidClassException clear =
          new InvalidClassException("Java-serialized state names an unknown class: " + e.getMessage());
      clear.initCause(e);
      throw clear;
    } catch (ClassCastException e) {
      InvalidObjectException clear = new InvalidObjectException(e.toString());
      clear.initCause(e);
      throw clear;
    }
  }
}
