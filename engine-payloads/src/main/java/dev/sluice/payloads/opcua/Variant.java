package dev.sluice.payloads.opcua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An OPC UA Variant: a value of one {@link BuiltinType} that is a scalar, a one-dimensional array
 * or a matrix.
 *
 * <p>A scalar has empty {@link #dimensions()} and its {@link #value()} is of {@link
 * BuiltinType#javaType()}. An array has one dimension (its length) and a matrix more than one;
 * for both, {@link #value()} is an unmodifiable {@link List} of elements in row-major order
 * (flattened), and elements of {@linkplain BuiltinType#isNullable() nullable} types may be null.
 * The null Variant ({@link #NULL}) has type {@link BuiltinType#NULL} and a null value.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> constructing an array Variant
 * copies the list. <b>Failure:</b> the constructor throws {@link IllegalArgumentException} when
 * the value does not fit the type (wrong Java type, unsigned value out of range, null where not
 * allowed), the dimensions do not match the element count, the type is DiagnosticInfo, or the
 * Variant would directly contain a scalar Variant (both forbidden by Part 6 §5.1.9).
 *
 * <p>Types 22..24 hold {@link ExtensionObject}, {@link DataValue} and {@link Variant} values; a
 * Variant of type 24 is always an array (or matrix) of Variants, and a null element of such an
 * array is stored as {@link #NULL}.
 *
 * @param type the built-in type
 * @param value the scalar value, or the flattened elements of an array or matrix
 * @param dimensions empty for a scalar, {@code [length]} for an array, the sizes of each dimension
 *     for a matrix
 */
public record Variant(BuiltinType type, Object value, List<Integer> dimensions) {

  /** The null Variant. */
  public static final Variant NULL = new Variant(BuiltinType.NULL, null, List.of());

  /** Why a Variant cannot hold a DiagnosticInfo. */
  public static final String NO_DIAGNOSTIC_INFO =
      "a Variant cannot hold a DiagnosticInfo (Part 6 §5.1.9: it has no meaning outside a"
          + " response with its string table)";

  /** Why a Variant cannot hold a scalar Variant. */
  public static final String NO_SCALAR_VARIANT =
      "a Variant cannot directly contain another Variant, only an array of Variants"
          + " (Part 6 §5.1.9)";

  /** Validates and copies. */
  public Variant {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dimensions, "dimensions");
    dimensions = List.copyOf(dimensions);
    if (!type.allowedInVariant()) {
      throw new IllegalArgumentException(NO_DIAGNOSTIC_INFO);
    }
    if (type == BuiltinType.NULL) {
      if (value != null || !dimensions.isEmpty()) {
        throw new IllegalArgumentException("a Null Variant has no value and no dimensions");
      }
    } else if (dimensions.isEmpty()) {
      if (type == BuiltinType.VARIANT) {
        throw new IllegalArgumentException(NO_SCALAR_VARIANT);
      }
      checkElement(type, value, false);
    } else {
      if (!(value instanceof List<?> list)) {
        throw new IllegalArgumentException("an array Variant needs a List value");
      }
      long product = 1;
      for (int d : dimensions) {
        if (d < 0) {
          throw new IllegalArgumentException("array dimensions must be >= 0, were " + dimensions);
        }
        product *= d;
        if (product > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("array dimensions too large: " + dimensions);
        }
      }
      if (product != list.size()) {
        throw new IllegalArgumentException(
            "dimensions " + dimensions + " need " + product + " elements, got " + list.size());
      }
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        if (element == null && type == BuiltinType.VARIANT) {
          element = NULL;
        }
        checkElement(type, element, true);
        copy.add(element);
      }
      value = Collections.unmodifiableList(copy);
    }
  }

  private static void checkElement(BuiltinType type, Object v, boolean inArray) {
    if (v == null) {
      if (type.isNullable()) {
        return;
      }
      throw new IllegalArgumentException(
          type.specName() + " " + (inArray ? "array elements" : "values") + " cannot be null");
    }
    if (!type.javaType().isInstance(v)) {
      throw new IllegalArgumentException(
          type.specName()
              + " values must be "
              + type.javaType().getSimpleName()
              + ", got "
              + v.getClass().getSimpleName());
    }
    switch (type) {
      case BYTE -> checkRange((Integer) v, 0, 255, type);
      case UINT16 -> checkRange((Integer) v, 0, 65535, type);
      case UINT32 -> checkRange((Long) v, 0, 0xFFFF_FFFFL, type);
      default -> {}
    }
  }

  private static void checkRange(long v, long min, long max, BuiltinType type) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          type.specName() + " value " + v + " is out of range " + min + ".." + max);
    }
  }

  /** A scalar Variant of {@code type}. */
  public static Variant scalar(BuiltinType type, Object value) {
    return new Variant(type, value, List.of());
  }

  /** A one-dimensional array Variant. */
  public static Variant array(BuiltinType type, List<?> elements) {
    return new Variant(type, elements, List.of(elements.size()));
  }

  /** A matrix Variant from its elements in row-major order and its dimensions. */
  public static Variant matrix(BuiltinType type, List<?> flattened, List<Integer> dimensions) {
    return new Variant(type, flattened, dimensions);
  }

  /** A Boolean scalar. */
  public static Variant ofBoolean(boolean v) {
    return scalar(BuiltinType.BOOLEAN, v);
  }

  /** An Int32 scalar. */
  public static Variant ofInt32(int v) {
    return scalar(BuiltinType.INT32, v);
  }

  /** A UInt32 scalar; {@code v} must be in 0..4294967295. */
  public static Variant ofUInt32(long v) {
    return scalar(BuiltinType.UINT32, v);
  }

  /** An Int64 scalar. */
  public static Variant ofInt64(long v) {
    return scalar(BuiltinType.INT64, v);
  }

  /** A Float scalar. */
  public static Variant ofFloat(float v) {
    return scalar(BuiltinType.FLOAT, v);
  }

  /** A Double scalar. */
  public static Variant ofDouble(double v) {
    return scalar(BuiltinType.DOUBLE, v);
  }

  /** A String scalar. */
  public static Variant ofString(String v) {
    return scalar(BuiltinType.STRING, v);
  }

  /** A DateTime scalar. */
  public static Variant ofDateTime(Instant v) {
    return scalar(BuiltinType.DATE_TIME, v);
  }

  /**
   * True if this Variant holds a DataValue directly or through arrays of Variants (ExtensionObject
   * bodies are opaque and not searched).
   */
  public boolean containsDataValue() {
    if (type == BuiltinType.DATA_VALUE) {
      return true;
    }
    if (type == BuiltinType.VARIANT) {
      for (Object e : elements()) {
        if (((Variant) e).containsDataValue()) {
          return true;
        }
      }
    }
    return false;
  }

  /** True for the null Variant. */
  public boolean isNull() {
    return type == BuiltinType.NULL;
  }

  /** True for arrays and matrices. */
  public boolean isArray() {
    return !dimensions.isEmpty();
  }

  /** True for arrays of two or more dimensions. */
  public boolean isMatrix() {
    return dimensions.size() > 1;
  }

  /** The elements of an array or matrix. */
  @SuppressWarnings("unchecked")
  public List<Object> elements() {
    if (!isArray()) {
      throw new IllegalStateException("not an array Variant: " + this);
    }
    return (List<Object>) value;
  }
}
