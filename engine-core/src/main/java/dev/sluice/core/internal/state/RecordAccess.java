package dev.sluice.core.internal.state;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Method handles for a record's accessors and canonical constructor, looked up once per record
 * class ({@link #of}).
 */
final class RecordAccess {
  private static final ClassValue<RecordAccess> CACHE =
      new ClassValue<>() {
        @Override
        protected RecordAccess computeValue(Class<?> type) {
          return new RecordAccess(type);
        }
      };

  final Class<?> type;
  final String[] names;
  private final MethodHandle[] accessors;
  private final MethodHandle constructor;

  private RecordAccess(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    names = new String[components.length];
    accessors = new MethodHandle[components.length];
    Class<?>[] types = new Class<?>[components.length];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        types[i] = components[i].getType();
        Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        accessors[i] =
            lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
      }
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      constructor =
          lookup
              .unreflectConstructor(canonical)
              .asSpreader(Object[].class, components.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "record "
              + type.getName()
              + " is not accessible to Sluice's state codecs: make it public or open its package"
              + " to module dev.sluice.core ("
              + e
              + ")",
          e);
    }
  }

  /** The cached access to {@code type}. */
  static RecordAccess of(Class<?> type) {
    return CACHE.get(type);
  }

  int size() {
    return accessors.length;
  }

  Object component(Object record, int index) {
    try {
      return (Object) accessors[index].invokeExact(record);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  Object construct(Object[] components) {
    try {
      return (Object) constructor.invokeExact(components);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
