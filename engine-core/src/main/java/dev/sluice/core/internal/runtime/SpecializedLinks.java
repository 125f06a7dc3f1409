package dev.sluice.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-chain copies of the fused link classes, so that a long-running JVM that has run many
 * pipeline shapes keeps each chain's per-event calls monomorphic.
 *
 * <p>The JIT profiles a call site per method: with one {@code MapLink} class for every map stage
 * of every job, its {@code fn.apply} and {@code next.onEvent} sites see every function and every
 * following link the JVM has run, go megamorphic and stop inlining. Here each chain shape gets its
 * own copy of each link class: a hidden class ({@link MethodHandles.Lookup#defineHiddenClass})
 * defined from the link class's own bytes, so its call sites have their own profiles and see one
 * receiver each. A shape is the sequence of (stage kind, user function class) from the link to the
 * end of its chain: the same pipeline submitted again, or another pipeline with the same lambdas,
 * reuses the copy and its compiled code; different lambdas get different copies.
 *
 * <p>Copies are cached (at most {@link #MAX_COPIES}; beyond that, and if a copy cannot be made,
 * the shared class is used: slower in a polluted JVM, never wrong). The cache keeps the copies, and
 * the user function classes named in its keys, for the life of the JVM.
 * Set the system property {@code sluice.specializeLinks=false} to use the shared classes only.
 *
 * <p>Thread-safe; called while building jobs, never per event.
 */
final class SpecializedLinks {
  /** Copies kept at most: one per distinct chain suffix, so bounded by the application's code. */
  static final int MAX_COPIES = 4096;

  static final boolean ENABLED =
      !"false".equalsIgnoreCase(System.getProperty("sluice.specializeLinks", "true"));

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
  private static final ConcurrentHashMap<Class<?>, byte[]> BYTES = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<List<Object>, MethodHandle> COPIES =
      new ConcurrentHashMap<>();

  private SpecializedLinks() {}

  /**
   * A new instance of {@code base}, or of its copy for {@code shape}.
   *
   * @param base the link class (a concrete class of this package)
   * @param shape the chain suffix the instance heads (stage kinds and function classes)
   * @param constructor the parameter types of {@code base}'s constructor
   * @param args the constructor's arguments
   */
  static Link create(
      Class<? extends Link> base, List<Object> shape, MethodType constructor, Object... args) {
    MethodHandle ctor = ENABLED ? copyConstructor(base, shape, constructor) : null;
    try {
      if (ctor == null) {
        ctor = LOOKUP.findConstructor(base, constructor.changeReturnType(void.class));
      }
      return (Link) ctor.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot create a link of " + base.getName(), t);
    }
  }

  /** The constructor of {@code base}'s copy for {@code shape}; null to use the shared class. */
  private static MethodHandle copyConstructor(
      Class<? extends Link> base, List<Object> shape, MethodType constructor) {
    List<Object> key = new java.util.ArrayList<>(shape.size() + 1);
    key.add(base);
    key.addAll(shape);
    List<Object> k = List.copyOf(key);
    MethodHandle h = COPIES.get(k);
    if (h != null || COPIES.size() >= MAX_COPIES) {
      return h;
    }
    try {
      byte[] bytes = BYTES.computeIfAbsent(base, SpecializedLinks::classBytes);
      if (bytes == null) {
        return null;
      }
      MethodHandles.Lookup copy = LOOKUP.defineHiddenClass(bytes, true);
      h = copy.findConstructor(copy.lookupClass(), constructor.changeReturnType(void.class));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
    MethodHandle raced = COPIES.putIfAbsent(k, h);
    return raced != null ? raced : h;
  }

  /** The class file of {@code c}, or null if it cannot be read. */
  private static byte[] classBytes(Class<?> c) {
    String name = c.getName();
    String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
    try (InputStream in = c.getResourceAsStream(file)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** The number of copies made so far (for tests). */
  static int copies() {
    return COPIES.size();
  }
}
