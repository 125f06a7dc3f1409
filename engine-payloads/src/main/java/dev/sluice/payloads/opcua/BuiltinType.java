package dev.sluice.payloads.opcua;

import java.time.Instant;
import java.util.UUID;

/**
 * The OPC UA built-in types (Part 6 Table 1) with their type ids and the Java type that holds a
 * scalar value of each in a {@link Variant}.
 *
 * <p>Unsigned types use the next wider Java type: Byte is an {@link Integer} in 0..255, UInt16 an
 * {@link Integer} in 0..65535, UInt32 a {@link Long} in 0..4294967295; UInt64 is a {@link Long}
 * holding the 64 bits (read it with {@link Long#toUnsignedString(long)}). DateTime is an {@link
 * Instant}.
 *
 * <p><b>Threading:</b> an enum, thread-safe. <b>Allocation:</b> none. <b>Failure:</b> {@link
 * #ofId(int)} throws {@link IllegalArgumentException} for an id outside 0..25.
 */
public enum BuiltinType {
  /** Type 0: the empty Variant. */
  NULL(0, Void.class),
  /** Type 1. */
  BOOLEAN(1, Boolean.class),
  /** Type 2, -128..127. */
  SBYTE(2, Byte.class),
  /** Type 3, 0..255. */
  BYTE(3, Integer.class),
  /** Type 4. */
  INT16(4, Short.class),
  /** Type 5, 0..65535. */
  UINT16(5, Integer.class),
  /** Type 6. */
  INT32(6, Integer.class),
  /** Type 7, 0..4294967295. */
  UINT32(7, Long.class),
  /** Type 8. */
  INT64(8, Long.class),
  /** Type 9, the 64 bits in a long. */
  UINT64(9, Long.class),
  /** Type 10. */
  FLOAT(10, Float.class),
  /** Type 11. */
  DOUBLE(11, Double.class),
  /** Type 12. */
  STRING(12, String.class),
  /** Type 13. */
  DATE_TIME(13, Instant.class),
  /** Type 14. */
  GUID(14, UUID.class),
  /** Type 15. */
  BYTE_STRING(15, ByteString.class),
  /** Type 16. */
  XML_ELEMENT(16, XmlElement.class),
  /** Type 17. */
  NODE_ID(17, NodeId.class),
  /** Type 18. */
  EXPANDED_NODE_ID(18, ExpandedNodeId.class),
  /** Type 19. */
  STATUS_CODE(19, StatusCode.class),
  /** Type 20. */
  QUALIFIED_NAME(20, QualifiedName.class),
  /** Type 21. */
  LOCALIZED_TEXT(21, LocalizedText.class),
  /** Type 22: a Structure. */
  EXTENSION_OBJECT(22, ExtensionObject.class),
  /** Type 23: allowed in a Variant, but not in the Variant of another DataValue. */
  DATA_VALUE(23, DataValue.class),
  /** Type 24: a Variant may hold arrays of Variants, never a scalar Variant (Part 6 §5.1.9). */
  VARIANT(24, Variant.class),
  /** Type 25: never inside a Variant (Part 6 §5.1.9); see {@link DiagnosticInfo}. */
  DIAGNOSTIC_INFO(25, DiagnosticInfo.class);

  private static final BuiltinType[] BY_ID = values();

  private final int id;
  private final Class<?> javaType;

  BuiltinType(int id, Class<?> javaType) {
    this.id = id;
    this.javaType = javaType;
  }

  /** The built-in type id, 0..25. */
  public int id() {
    return id;
  }

  /** The Java type of a scalar value of this type in a {@link Variant}. */
  public Class<?> javaType() {
    return javaType;
  }

  /** The name used in the OPC UA specifications, for example {@code UInt32} or {@code DateTime}. */
  public String specName() {
    return switch (this) {
      case NULL -> "Null";
      case BOOLEAN -> "Boolean";
      case SBYTE -> "SByte";
      case BYTE -> "Byte";
      case INT16 -> "Int16";
      case UINT16 -> "UInt16";
      case INT32 -> "Int32";
      case UINT32 -> "UInt32";
      case INT64 -> "Int64";
      case UINT64 -> "UInt64";
      case FLOAT -> "Float";
      case DOUBLE -> "Double";
      case STRING -> "String";
      case DATE_TIME -> "DateTime";
      case GUID -> "Guid";
      case BYTE_STRING -> "ByteString";
      case XML_ELEMENT -> "XmlElement";
      case NODE_ID -> "NodeId";
      case EXPANDED_NODE_ID -> "ExpandedNodeId";
      case STATUS_CODE -> "StatusCode";
      case QUALIFIED_NAME -> "QualifiedName";
      case LOCALIZED_TEXT -> "LocalizedText";
      case EXTENSION_OBJECT -> "ExtensionObject";
      case DATA_VALUE -> "DataValue";
      case VARIANT -> "Variant";
      case DIAGNOSTIC_INFO -> "DiagnosticInfo";
    };
  }

  /**
   * True if a {@link Variant} may hold values of this type: every type but DiagnosticInfo, which
   * Part 6 §5.1.9 excludes because it means nothing without the string table of a response.
   */
  public boolean allowedInVariant() {
    return this != DIAGNOSTIC_INFO;
  }

  /**
   * True if a value of this type may be null inside an array (reference types such as String,
   * ByteString, NodeId, ExtensionObject and DataValue; not numbers, Boolean or StatusCode). In an
   * array of Variants a null element is the Null Variant.
   */
  public boolean isNullable() {
    return id >= 12 && id != 19;
  }

  /**
   * The type with id {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is not in 0..25
   */
  public static BuiltinType ofId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new IllegalArgumentException("built-in type id must be 0..25, was " + id);
    }
    return BY_ID[id];
  }
}
