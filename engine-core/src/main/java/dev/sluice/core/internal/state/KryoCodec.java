package dev.sluice.core.internal.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo 5 with registration required: only the classes given here (and a fixed set of JDK types)
 * can be written or read, so bytes can never make the decoder instantiate another class. Classes
 * use Kryo's {@link CompatibleFieldSerializer} (fields by name: fields may be added and removed),
 * records Kryo's record serializer (components in order). Registration ids: the JDK types
 * {@link #JDK_TYPES} from 40 in that order, the user's classes from 100 in the order given.
 * Kryo instances are not thread-safe; each call borrows one from a pool.
 */
public final class KryoCodec<T> implements StateCodec<T> {
  /** JDK types every Kryo codec registers; append only, never reorder. */
  static final List<Class<?>> JDK_TYPES =
      List.of(
          ArrayList.class,
          LinkedList.class,
          HashMap.class,
          LinkedHashMap.class,
          TreeMap.class,
          HashSet.class,
          LinkedHashSet.class,
          TreeSet.class,
          UUID.class,
          Object[].class,
          String[].class,
          int[].class,
          long[].class,
          double[].class,
          byte[].class,
          boolean[].class,
          java.time.Instant.class,
          java.time.Duration.class,
          java.math.BigDecimal.class,
          java.math.BigInteger.class);

  private static final int FIRST_JDK_ID = 40;
  private static final int FIRST_USER_ID = 100;

  private final Class<T> type;
  private final List<Class<?>> registered;
  private final Pool<Kryo> kryos;
  private final Pool<Output> outputs;

  public KryoCodec(Class<T> type, Class<?>... alsoRegistered) {
    this.type = Objects.requireNonNull(type, "type");
    List<Class<?>> all = new ArrayList<>();
    all.add(type);
    for (Class<?> c : alsoRegistered) {
      Objects.requireNonNull(c, "registered class");
      if (JDK_TYPES.contains(c)) {
        continue;
      }
      if (all.contains(c)) {
        throw new IllegalArgumentException(c.getName() + " is registered twice");
      }
      all.add(c);
    }
    this.registered = List.copyOf(all);
    this.kryos =
        new Pool<>(true, false, 64) {
          @Override
          protected Kryo create() {
            return newKryo(registered);
          }
        };
    this.outputs =
        new Pool<>(true, false, 64) {
          @Override
          protected Output create() {
            return new Output(256, -1);
          }
        };
    newKryo(registered); // fail here, not on the first snapshot, if a class cannot be registered
  }

  static Kryo newKryo(List<Class<?>> userTypes) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setDefaultSerializer(CompatibleFieldSerializer.class);
    // classes without a no-argument constructor are created without running one
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.registerSerializers(kryo); // List.of, Set.of, Map.of
    for (int i = 0; i < JDK_TYPES.size(); i++) {
      Class<?> jdk = JDK_TYPES.get(i);
      if (jdk == UUID.class) { // Kryo has a serializer for it, but not as a default
        kryo.register(jdk, new DefaultSerializers.UUIDSerializer(), FIRST_JDK_ID + i);
      } else {
        kryo.register(jdk, FIRST_JDK_ID + i);
      }
    }
    for (int i = 0; i < userTypes.size(); i++) {
      kryo.register(userTypes.get(i), FIRST_USER_ID + i);
    }
    return kryo;
  }

  @Override
  public void encode(T value, DataOutput out) throws IOException {
    Objects.requireNonNull(value, () -> "the Kryo codec of " + type.getName() + " was given null");
    Kryo kryo = kryos.obtain();
    Output output = outputs.obtain();
    try {
      output.reset();
      kryo.writeObject(output, value);
      CodecIo.writeVarInt(out, output.position());
      out.write(output.getBuffer(), 0, output.position());
    } catch (IllegalArgumentException | KryoException e) {
      throw clearEncodeError(e, value);
    } finally {
      outputs.free(output);
      kryos.free(kryo);
    }
  }

  private RuntimeException clearEncodeError(RuntimeException e, T value) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Class is not registered: ")) {
      String missing = message.substring("Class is not registered: ".length()).split("\n", 2)[0];
      return new IllegalArgumentException(
          "the Kryo state codec of "
              + type.getName()
              + " cannot write a "
              + missing
              + " (inside a "
              + value.getClass().getName()
              + "): it is not registered; list it in StateCodecs.kryo("
              + type.getSimpleName()
              + ".class, ...)",
          e);
    }
    return new IllegalArgumentException(
        "the Kryo state codec of " + type.getName() + " cannot write a " + value.getClass().getName()
            + ": " + message,
        e);
  }

  @Override
  public T decode(DataInput in) throws IOException {
    byte[] bytes = CodecIo.readByteArray(in);
    Kryo kryo = kryos.obtain();
    try {
      Input input = new Input(bytes);
      T value = kryo.readObject(input, type);
      if (input.position() != bytes.length) {
        throw new StreamCorruptedException(
            "the Kryo state codec of " + type.getName() + " read " + input.position() + " of "
                + bytes.length + " bytes");
      }
      return value;
    } catch (KryoException | IllegalArgumentException | IndexOutOfBoundsException e) {
      String message = String.valueOf(e.getMessage());
      IOException clear =
          message.contains("unregistered class ID")
              ? new InvalidClassException(
                  type.getName(), "the Kryo snapshot names a class that is not registered: " + message)
              : new StreamCorruptedException(
                  "the Kryo state codec of " + type.getName() + " cannot read the snapshot: " + message);
      clear.initCause(e);
      throw clear;
    } finally {
      kryos.free(kryo);
    }
  }

  /** {@code kryo5<root type>}: registrations may be appended without changing it. */
  @Override
  public String formatId() {
    return "kryo5<" + type.getName() + ">";
  }

  /** The registered user classes, the root type first. */
  public List<Class<?>> registered() {
    return registered;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KryoCodec<?> other && other.registered.equals(registered);
  }

  @Override
  public int hashCode() {
    return registered.hashCode();
  }

  @Override
  public String toString() {
    return formatId() + Arrays.toString(registered.stream().map(Class::getSimpleName).toArray());
  }
}
