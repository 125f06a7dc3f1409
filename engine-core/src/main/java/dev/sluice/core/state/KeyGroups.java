package dev.sluice.core.state;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Key groups: the unit in which keyed state is partitioned, routed and (later) snapshotted and
 * redistributed.
 *
 * <p>A key belongs to one of {@code maxParallelism} key groups, fixed for the life of a job and of
 * its saved state; instance {@code i} of a keyed stage with parallelism {@code p} owns the
 * contiguous range of groups {@link #rangeFor}{@code (i, p, maxParallelism)}. Changing the
 * parallelism moves whole groups between instances; a key never changes group. This is Flink's
 * key-group scheme (and Jet's fixed partition count).
 *
 * <p>The group is computed from a <em>stable</em> hash ({@link #stableHash}) so that a key has the
 * same group in every JVM: strings, boxed primitives, UUIDs, enums (by class name and constant
 * name), records (from their components), lists, sets and maps of such keys, and classes that
 * override {@code hashCode}. A key class that inherits {@code Object.hashCode} (an identity hash,
 * different in every JVM) is rejected with an {@link IllegalArgumentException}. A class's own
 * {@code hashCode} is trusted to be stable: it must not use identity hashes or enum hash codes.
 *
 * <p><b>Threading:</b> all methods are static and thread-safe. <b>Allocation:</b> none for
 * strings and boxed primitives; records, lists, sets and maps are walked without allocation
 * beyond their accessors' own.
 */
public final class KeyGroups {

  /** The default maximum parallelism (number of key groups) of a keyed stage. */
  public static final int DEFAULT_MAX_PARALLELISM = 128;

  /** The largest supported maximum parallelism. */
  public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

  private KeyGroups() {}

  /**
   * The key group of {@code key}: a murmur-mixed {@link #stableHash} modulo {@code
   * maxParallelism}.
   *
   * @throws IllegalArgumentException if the key's class hashes by identity
   */
  public static int groupOf(Object key, int maxParallelism) {
    return groupOfHash(stableHash(key), maxParallelism);
  }

  /** The key group of a key whose {@link #stableHash} is {@code hash}. */
  public static int groupOfHash(int hash, int maxParallelism) {
    int h = hash * 0xcc9e2d51;
    h = Integer.rotateLeft(h, 15);
    h *= 0x1b873593;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return (h & 0x7fffffff) % maxParallelism;
  }

  /** The key group of a primitive {@code long} key (the same as its boxed {@code Long}). */
  public static int groupOfLong(long key, int maxParallelism) {
    return groupOfHash(Long.hashCode(key), maxParallelism);
  }

  /** The instance, among {@code parallelism}, that owns {@code keyGroup}. */
  public static int instanceFor(int keyGroup, int parallelism, int maxParallelism) {
    return (int) ((long) keyGroup * parallelism / maxParallelism);
  }

  /** The contiguous range of key groups owned by instance {@code index} of {@code parallelism}. */
  public static KeyGroupRange rangeFor(int index, int parallelism, int maxParallelism) {
    checkParallelism(parallelism, maxParallelism);
    if (index < 0 || index >= parallelism) {
      throw new IllegalArgumentException(
          "instance index " + index + " is outside 0.." + (parallelism - 1));
    }
    // the smallest g with g * p / max >= index, up to the first with (g * p / max) >= index + 1
    int start = (int) (((long) index * maxParallelism + parallelism - 1) / parallelism);
    int end = (int) (((long) (index + 1) * maxParallelism + parallelism - 1) / parallelism) - 1;
    return new KeyGroupRange(start, end);
  }

  /**
   * Checks that {@code parallelism} is in 1..{@code maxParallelism} and that {@code
   * maxParallelism} is in 1..{@link #UPPER_BOUND_MAX_PARALLELISM}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static void checkParallelism(int parallelism, int maxParallelism) {
    if (maxParallelism < 1 || maxParallelism > UPPER_BOUND_MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "maxParallelism must be in 1.." + UPPER_BOUND_MAX_PARALLELISM + ", was " + maxParallelism);
    }
    if (parallelism < 1 || parallelism > maxParallelism) {
      throw new IllegalArgumentException(
          "parallelism must be in 1..maxParallelism (" + maxParallelism + "), was " + parallelism);
    }
  }

  /**
   * A hash of {@code key} that is the same in every JVM (see the class comment for the types it
   * accepts). {@code null} hashes to 0.
   *
   * @throws IllegalArgumentException if the key's class (or a component's) hashes by identity
   */
  public static int stableHash(Object key) {
    if (key == null) {
      return 0;
    }
    // the common key types first, without a ClassValue look-up
    if (key instanceof String || key instanceof Long || key instanceof Integer) {
      return key.hashCode();
    }
    return HASHERS.get(key.getClass()).hash(key);
  }

  private interface Hasher {
    int hash(Object key);
  }

  private static final Hasher OWN = Object::hashCode;

  private static final ClassValue<Hasher> HASHERS =
      new ClassValue<>() {
        @Override
        protected Hasher computeValue(Class<?> type) {
          return hasherFor(type);
        }
      };

  private static Hasher hasherFor(Class<?> type) {
    if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
      return key -> {
        Enum<?> e = (Enum<?>) key;
        return 31 * e.getDeclaringClass().getName().hashCode() + e.name().hashCode();
      };
    }
    if (type.isRecord()) {
      return recordHasher(type);
    }
    if (List.class.isAssignableFrom(type)) {
      return key -> {
        int h = 1;
        for (Object o : (List<?>) key) {
          h = 31 * h + stableHash(o);
        }
        return h;
      };
    }
    if (Set.class.isAssignableFrom(type)) {
      return key -> {
        int h = 0;
        for (Object o : (Set<?>) key) {
          h += stableHash(o);
        }
        return h;
      };
    }
    if (Map.class.isAssignableFrom(type)) {
      return key -> {
        int h = 0;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) key).entrySet()) {
          h += stableHash(e.getKey()) ^ stableHash(e.getValue());
        }
        return h;
      };
    }
    if (type == UUID.class || type.isArray()) {
      if (type.isArray()) {
        throw new IllegalArgumentException(
            "key type " + type.getTypeName() + " is an array, which hashes by identity;"
                + " use a List or a record as the key");
      }
      return OWN;
    }
    try {
      if (type.getMethod("hashCode").getDeclaringClass() == Object.class) {
        throw new IllegalArgumentException(
            "key type "
                + type.getName()
                + " does not override hashCode(): its identity hash differs in every JVM, so its"
                + " key group would not survive a restart; use a record, a String or a class with"
                + " its own equals/hashCode as the key");
      }
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    return OWN;
  }

  private static Hasher recordHasher(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    MethodHandle[] accessors = new MethodHandle[components.length];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    for (int i = 0; i < components.length; i++) {
      try {
        java.lang.reflect.Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        accessors[i] = lookup.unreflect(accessor);
      } catch (IllegalAccessException | RuntimeException e) {
        // a record in a module that is not open to Sluice: its own hashCode is the best there is
        return OWN;
      }
    }
    return key -> {
      int h = 0;
      for (MethodHandle accessor : accessors) {
        Object component;
        try {
          component = accessor.invoke(key);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable e) {
          throw new IllegalStateException(e);
        }
        h = 31 * h + stableHash(component);
      }
      return h;
    };
  }
}
