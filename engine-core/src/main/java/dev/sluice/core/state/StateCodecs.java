package dev.sluice.core.state;

import dev.sluice.core.internal.state.CollectionCodecs;
import dev.sluice.core.internal.state.DynamicCodec;
import dev.sluice.core.internal.state.EnumCodec;
import dev.sluice.core.internal.state.KryoCodec;
import dev.sluice.core.internal.state.RecordCodec;
import dev.sluice.core.internal.state.ScalarCodecs;
import dev.sluice.core.internal.state.SerializableCodec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in {@link StateCodec}s.
 *
 * <p>Scalars ({@link #longs}, {@link #strings}, ...) and primitive arrays are fast and compact.
 * The combinators ({@link #listOf}, {@link #mapOf}, {@link #record}, ...) build codecs for
 * structured values from codecs of their parts; two combinators built from equal parts are equal
 * and have the same {@link StateCodec#formatId() formatId}. None of these codecs accepts null
 * except {@link #nullable} and {@link #dynamic}: a null reaching another one fails with a {@link
 * NullPointerException} that says where and suggests {@code nullable}.
 *
 * <p><b>Threading:</b> every codec returned here is stateless and thread-safe. <b>Allocation:</b>
 * encoding allocates only where noted (strings, Java serialization); decoding allocates the value.
 */
public final class StateCodecs {
  private StateCodecs() {}

  /** {@code long} values, 8 bytes big-endian. */
  public static StateCodec<Long> longs() {
    return ScalarCodecs.LONGS;
  }

  /** {@code int} values, 4 bytes big-endian. */
  public static StateCodec<Integer> ints() {
    return ScalarCodecs.INTS;
  }

  /** {@code double} values as their raw IEEE 754 bits: NaN payloads and {@code -0.0} survive. */
  public static StateCodec<Double> doubles() {
    return ScalarCodecs.DOUBLES;
  }

  /** {@code boolean} values, one byte. */
  public static StateCodec<Boolean> booleans() {
    return ScalarCodecs.BOOLEANS;
  }

  /**
   * Strings of any length, as a variable-length byte count and UTF-8 (not {@link
   * java.io.DataOutput#writeUTF}, whose modified UTF-8 is limited to 64 KB). A string with an
   * unpaired surrogate, which UTF-8 cannot carry, is written as UTF-16 chars instead, so every
   * string round-trips exactly. Encoding allocates the UTF-8 bytes.
   */
  public static StateCodec<String> strings() {
    return ScalarCodecs.STRINGS;
  }

  /** Byte arrays, length-prefixed. */
  public static StateCodec<byte[]> bytes() {
    return ScalarCodecs.BYTES;
  }

  /** {@code long[]}, length-prefixed. */
  public static StateCodec<long[]> longArrays() {
    return ScalarCodecs.LONG_ARRAYS;
  }

  /** {@code double[]}, length-prefixed, raw bits as {@link #doubles}. */
  public static StateCodec<double[]> doubleArrays() {
    return ScalarCodecs.DOUBLE_ARRAYS;
  }

  /** Values that may be null: a presence byte, then the value with {@code codec}. */
  public static <T> StateCodec<T> nullable(StateCodec<T> codec) {
    return new CollectionCodecs.Nullable<>(codec);
  }

  /**
   * Lists, element by element in order. Decodes to an {@link java.util.ArrayList} (the list's
   * own class is not kept). Null elements need a {@link #nullable} element codec.
   */
  public static <T> StateCodec<List<T>> listOf(StateCodec<T> element) {
    return new CollectionCodecs.ListOf<>(element);
  }

  /**
   * Sets, in their iteration order. Decodes to a {@link java.util.LinkedHashSet} holding the
   * elements in the order they were written (a {@code TreeSet} comes back as a {@code
   * LinkedHashSet} in sorted order, not as a {@code TreeSet}).
   */
  public static <T> StateCodec<Set<T>> setOf(StateCodec<T> element) {
    return new CollectionCodecs.SetOf<>(element);
  }

  /**
   * Maps, entry by entry in iteration order. Decodes to a {@link java.util.LinkedHashMap} that
   * iterates in the order the entries were written (so a {@code TreeMap} comes back as a {@code
   * LinkedHashMap} in key order, not as a {@code TreeMap}).
   */
  public static <K, V> StateCodec<Map<K, V>> mapOf(StateCodec<K> keys, StateCodec<V> values) {
    return new CollectionCodecs.MapOf<>(keys, values);
  }

  /**
   * Enum constants by name, so that adding or reordering constants keeps snapshots valid; a
   * snapshot naming a constant that no longer exists fails to decode, naming it.
   */
  public static <E extends Enum<E>> StateCodec<E> enumOf(Class<E> type) {
    return new EnumCodec<>(type);
  }

  /**
   * Records, component by component in declaration order, each with the codec given for it;
   * decoding calls the canonical constructor. The accessors and constructor are looked up once,
   * here.
   *
   * @param componentCodecs one codec per component, in declaration order
   * @throws IllegalArgumentException if the number of codecs differs from the number of
   *     components, or the record is not accessible (it must be public, or its package open to
   *     module {@code dev.sluice.core})
   */
  public static <R extends Record> StateCodec<R> record(
      Class<R> type, StateCodec<?>... componentCodecs) {
    return new RecordCodec<>(type, componentCodecs);
  }

  /**
   * Kryo 5 for users' own classes and records: the codec to use for a type that has no built-in
   * codec. Fast and compact (see docs/checkpoints-storage.md for the comparison with Fory,
   * Jackson Smile and Java serialization).
   *
   * <p><b>Safety:</b> registration is required. Only {@code type}, the classes in {@code
   * alsoRegistered} and a fixed set of JDK types (array lists, linked lists, hash, linked-hash and
   * tree maps and sets, {@code List.of}/{@code Set.of}/{@code Map.of} collections, UUID, Instant,
   * Duration, BigDecimal, BigInteger and primitive, String and Object arrays) can be written or
   * read, so a snapshot's bytes can never make the decoder instantiate another class. Every other
   * class reachable from a value (field types, elements of collections, subclasses) must be listed
   * in {@code alsoRegistered}; an unlisted one fails {@code encode} with an {@link
   * IllegalArgumentException} naming it.
   *
   * <p><b>Evolution:</b> classes are written field by field with their field names (Kryo's {@code
   * CompatibleFieldSerializer}): fields may be added (they keep their default on restore) and
   * removed (their stored values are skipped); changing a field's type is not supported. Records
   * are written component by component in declaration order, with no names: adding, removing or
   * reordering record components breaks restore. Classes are registered by position: append new
   * classes to {@code alsoRegistered}, never reorder or remove them. Object identity is not kept
   * (shared references are written twice, cycles overflow the stack).
   *
   * <p><b>Threading:</b> thread-safe (Kryo instances are pooled). <b>Module path:</b> the classes
   * must be accessible to Kryo by reflection: open their package to {@code
   * com.esotericsoftware.kryo} (and, for classes without a no-argument constructor, to {@code
   * org.objenesis}).
   *
   * @param type the root type of the values
   * @param alsoRegistered further classes reachable from values, in a fixed order
   * @throws IllegalArgumentException if a class is listed twice
   */
  public static <T> StateCodec<T> kryo(Class<T> type, Class<?>... alsoRegistered) {
    return new KryoCodec<>(type, alsoRegistered);
  }

  /**
   * Java serialization, an explicit opt-in for {@link java.io.Serializable} types with no codec of
   * their own; prefer {@link #kryo}. <b>Slow and bulky</b> (a stream header and class descriptor per value) and brittle
   * across class changes; prefer a dedicated codec. Classes are resolved through the decoding
   * thread's context class loader.
   *
   * @param <T> the value type, which must be {@link java.io.Serializable}
   */
  @SuppressWarnings("unchecked")
  public static <T> StateCodec<T> serializable() {
    return (StateCodec<T>) SerializableCodec.INSTANCE;
  }

  /**
   * A self-describing codec for values whose type is not known statically, such as the keys of a
   * keyed stage. Writes a one-byte type tag, then the value: null, {@code String}, the boxed
   * primitives, {@code UUID}, enums (class name and constant name), records whose components are
   * themselves dynamic-codable (class name and components), and lists, sets and maps of such
   * values (decoded as {@code ArrayList}, {@code LinkedHashSet}, {@code LinkedHashMap}). Any other
   * {@link java.io.Serializable} value falls back to Java serialization under its own tag (the
   * only tag that makes the decoder deserialize Java objects).
   *
   * <p>Class names are resolved through the decoding thread's context class loader (see {@link
   * #dynamic(ClassLoader)}).
   *
   * @throws IllegalArgumentException from {@code encode}, naming the type, for a value of any
   *     other type
   */
  @SuppressWarnings("unchecked")
  public static <T> StateCodec<T> dynamic() {
    return (StateCodec<T>) DynamicCodec.CONTEXT_LOADER;
  }

  /** As {@link #dynamic()}, resolving class names through {@code loader}. */
  @SuppressWarnings("unchecked")
  public static <T> StateCodec<T> dynamic(ClassLoader loader) {
    return (StateCodec<T>) new DynamicCodec(Objects.requireNonNull(loader, "loader"));
  }
}
