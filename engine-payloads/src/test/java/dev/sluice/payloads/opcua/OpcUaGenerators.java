package dev.sluice.payloads.opcua;

import dev.sluice.testsupport.Generator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Random model values for properties, drawn from a seeded {@link Generator}. */
final class OpcUaGenerators {

  /** The first and last instants an OPC UA DateTime holds at 100 ns resolution. */
  static final Instant FIRST_INSTANT = Instant.parse("1601-01-01T00:00:00Z");

  static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:58.9999999Z");

  private static final float[] SPECIAL_FLOATS = {
    Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, Float.MIN_VALUE,
    -0.0f
  };

  private static final double[] SPECIAL_DOUBLES = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
    Double.MIN_VALUE, -0.0
  };

  private OpcUaGenerators() {}

  /** Instants of 100 ns resolution, 1601..9999 as OPC UA DateTime allows. */
  static Instant instant(Generator g) {
    long min = FIRST_INSTANT.getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:58Z").getEpochSecond();
    return Instant.ofEpochSecond(g.longBetween(min, max), g.intBetween(0, 9_999_999) * 100L);
  }

  static String string(Generator g) {
    return g.<String>oneOf(
        x -> x.unicodeString(0, 12),
        x -> x.pick("", "Line1/Press3/Temperature", "ünïcødé ✓", "quote\"back\\slash\n"));
  }

  /** A value of Java type {@code t.javaType()} for a scalar or element of type {@code t}. */
  static Object scalar(Generator g, BuiltinType t) {
    return switch (t) {
      case BOOLEAN -> Boolean.valueOf(g.bool());
      case SBYTE -> Byte.valueOf(g.anyByte());
      case BYTE -> Integer.valueOf(g.intBetween(0, 255));
      case INT16 -> Short.valueOf(g.anyShort());
      case UINT16 -> Integer.valueOf(g.intBetween(0, 65535));
      case INT32 -> Integer.valueOf(g.anyInt());
      case UINT32 -> Long.valueOf(g.longBetween(0, 0xFFFF_FFFFL));
      case INT64, UINT64 -> Long.valueOf(g.anyLong());
      case FLOAT ->
          Float.valueOf(
              g.bool() ? g.anyFloat() : SPECIAL_FLOATS[g.intBetween(0, SPECIAL_FLOATS.length - 1)]);
      case DOUBLE ->
          Double.valueOf(
              g.bool()
                  ? g.anyDouble()
                  : SPECIAL_DOUBLES[g.intBetween(0, SPECIAL_DOUBLES.length - 1)]);
      case STRING -> string(g);
      case DATE_TIME -> instant(g);
      case GUID -> new UUID(g.anyLong(), g.anyLong());
      case BYTE_STRING -> ByteString.of(g.bytes(0, 16));
      case XML_ELEMENT -> new XmlElement("<a>" + string(g) + "</a>");
      case NODE_ID -> NodeIdTest.nodeId(g);
      case EXPANDED_NODE_ID -> NodeIdTest.expandedNodeId(g);
      case STATUS_CODE ->
          g.<StatusCode>oneOf(
              x -> new StatusCode(x.anyInt()),
              x -> x.pick(StatusCode.GOOD, StatusCode.BAD_TIMEOUT, StatusCode.GOOD_CLAMPED));
      case QUALIFIED_NAME -> new QualifiedName(g.intBetween(0, 65535), string(g));
      case LOCALIZED_TEXT ->
          new LocalizedText(
              g.orNull(0.3, x -> x.pick("en-US", "de", "")),
              g.orNull(0.2, OpcUaGenerators::string));
      case EXTENSION_OBJECT -> extensionObject(g);
      case DATA_VALUE -> dataValueOf(g, simpleVariant(g));
      default -> throw new IllegalArgumentException(t.toString());
    };
  }

  /** ExtensionObjects with JSON (including exact big and exponent numbers), binary and XML bodies. */
  static ExtensionObject extensionObject(Generator g) {
    ExpandedNodeId id = NodeIdTest.expandedNodeId(g);
    return g.<ExtensionObject>oneOf(
        x ->
            new ExtensionObject(
                id,
                ExtensionObject.Encoding.JSON,
                x.pick(
                    "{}",
                    "{\"Low\":0.5,\"High\":99.5}",
                    "{ \"Name\" : \"ünï ✓\", \"Tags\":[1,2.50,null,true,false],\"N\":{\"a\":{\"b\":[]}}}",
                    "{\"Big\":123456789012345678901234567890,\"Exp\":1E+400,\"Neg\":-0.0}")),
        x ->
            new ExtensionObject(
                id, ExtensionObject.Encoding.BINARY, ByteString.of(x.bytes(0, 16))),
        x ->
            new ExtensionObject(
                id, ExtensionObject.Encoding.XML, new XmlElement("<a>" + string(x) + "</a>")));
  }

  /** Variants of every type a Variant may hold: 1..24 (arrays only for 24). */
  static Variant variant(Generator g) {
    return variantOf(g, BuiltinType.ofId(g.intBetween(1, 24)));
  }

  /** Variants of types 1..22, which never hold a DataValue or a Variant. */
  static Variant simpleVariant(Generator g) {
    return variantOf(g, BuiltinType.ofId(g.intBetween(1, 22)));
  }

  private static Variant variantOf(Generator g, BuiltinType t) {
    if (t == BuiltinType.VARIANT) {
      return g.bool() ? array(g, t) : matrix(g, t);
    }
    return g.<Variant>oneOf(
        x -> Variant.scalar(t, scalar(x, t)),
        x -> array(x, t),
        x -> matrix(x, t),
        x -> Variant.NULL);
  }

  private static Variant array(Generator g, BuiltinType t) {
    return Variant.array(t, elements(g, t, 0, 4));
  }

  private static Variant matrix(Generator g, BuiltinType t) {
    int rows = g.intBetween(1, 3);
    int cols = g.intBetween(0, 3);
    return Variant.matrix(t, elements(g, t, rows * cols, rows * cols), List.of(rows, cols));
  }

  private static List<Object> elements(Generator g, BuiltinType t, int min, int max) {
    return new ArrayList<>(
        g.listOf(
            min,
            max,
            x -> {
              if (t.isNullable() && x.chance(0.1)) {
                return null;
              }
              return t == BuiltinType.VARIANT ? simpleVariant(x) : scalar(x, t);
            }));
  }

  /** DataValues whose Variant never contains a DataValue, as Part 6 requires. */
  static DataValue dataValue(Generator g) {
    return dataValueOf(g, g.satisfying(OpcUaGenerators::variant, v -> !v.containsDataValue()));
  }

  private static DataValue dataValueOf(Generator g, Variant value) {
    return new DataValue(
        value,
        status(g),
        g.orNull(0.3, OpcUaGenerators::instant),
        picoseconds(g),
        g.orNull(0.3, OpcUaGenerators::instant),
        picoseconds(g));
  }

  private static StatusCode status(Generator g) {
    return g.<StatusCode>oneOf(
        x -> StatusCode.GOOD,
        x -> new StatusCode(x.anyInt()),
        x -> x.pick(StatusCode.UNCERTAIN_LAST_USABLE_VALUE, StatusCode.BAD_NODE_ID_UNKNOWN));
  }

  private static int picoseconds(Generator g) {
    return g.bool() ? 0 : g.intBetween(0, DataValue.MAX_PICOSECONDS);
  }

  /**
   * Variants at the edges of every type: the extremes of each integer type, every special float
   * and double, the first and last DateTime, empty strings, ByteStrings and arrays, the null
   * Variant, a matrix without columns and arrays of Variants.
   */
  static List<Variant> edgeVariants() {
    List<Variant> v = new ArrayList<>();
    v.add(Variant.NULL);
    v.add(Variant.scalar(BuiltinType.BOOLEAN, true));
    v.add(Variant.scalar(BuiltinType.BOOLEAN, false));
    v.add(Variant.scalar(BuiltinType.SBYTE, Byte.MIN_VALUE));
    v.add(Variant.scalar(BuiltinType.SBYTE, Byte.MAX_VALUE));
    v.add(Variant.scalar(BuiltinType.BYTE, 0));
    v.add(Variant.scalar(BuiltinType.BYTE, 255));
    v.add(Variant.scalar(BuiltinType.INT16, Short.MIN_VALUE));
    v.add(Variant.scalar(BuiltinType.INT16, Short.MAX_VALUE));
    v.add(Variant.scalar(BuiltinType.UINT16, 65535));
    v.add(Variant.scalar(BuiltinType.INT32, Integer.MIN_VALUE));
    v.add(Variant.scalar(BuiltinType.INT32, Integer.MAX_VALUE));
    v.add(Variant.scalar(BuiltinType.UINT32, 0L));
    v.add(Variant.scalar(BuiltinType.UINT32, 0xFFFF_FFFFL));
    v.add(Variant.scalar(BuiltinType.INT64, Long.MIN_VALUE));
    v.add(Variant.scalar(BuiltinType.INT64, Long.MAX_VALUE));
    v.add(Variant.scalar(BuiltinType.UINT64, 0L));
    v.add(Variant.scalar(BuiltinType.UINT64, -1L));
    v.add(Variant.scalar(BuiltinType.UINT64, Long.MIN_VALUE));
    for (float f : SPECIAL_FLOATS) {
      v.add(Variant.scalar(BuiltinType.FLOAT, f));
    }
    v.add(Variant.scalar(BuiltinType.FLOAT, -Float.MAX_VALUE));
    v.add(Variant.scalar(BuiltinType.FLOAT, 0.0f));
    for (double d : SPECIAL_DOUBLES) {
      v.add(Variant.scalar(BuiltinType.DOUBLE, d));
    }
    v.add(Variant.scalar(BuiltinType.DOUBLE, -Double.MAX_VALUE));
    v.add(Variant.scalar(BuiltinType.DOUBLE, 0.0));
    v.add(Variant.scalar(BuiltinType.STRING, ""));
    v.add(Variant.scalar(BuiltinType.STRING, "quote\"back\\slash\n\u0000\ufffd"));
    v.add(Variant.scalar(BuiltinType.DATE_TIME, FIRST_INSTANT));
    v.add(Variant.scalar(BuiltinType.DATE_TIME, LAST_INSTANT));
    v.add(Variant.scalar(BuiltinType.GUID, new UUID(0, 0)));
    v.add(Variant.scalar(BuiltinType.GUID, new UUID(-1, -1)));
    v.add(Variant.scalar(BuiltinType.BYTE_STRING, ByteString.EMPTY));
    v.add(Variant.scalar(BuiltinType.XML_ELEMENT, new XmlElement("<a></a>")));
    v.add(Variant.scalar(BuiltinType.NODE_ID, NodeId.numeric(0, 0)));
    v.add(Variant.scalar(BuiltinType.NODE_ID, NodeId.numeric(65535, NodeId.MAX_NUMERIC_ID)));
    v.add(Variant.scalar(BuiltinType.STATUS_CODE, new StatusCode(-1)));
    v.add(Variant.scalar(BuiltinType.QUALIFIED_NAME, new QualifiedName(0, "")));
    v.add(Variant.scalar(BuiltinType.QUALIFIED_NAME, new QualifiedName(65535, "x")));
    v.add(Variant.scalar(BuiltinType.LOCALIZED_TEXT, new LocalizedText(null, null)));
    v.add(Variant.scalar(BuiltinType.LOCALIZED_TEXT, new LocalizedText("", "")));
    v.add(Variant.array(BuiltinType.INT32, List.of()));
    v.add(Variant.array(BuiltinType.DOUBLE, List.of(Double.NaN, -0.0, Double.MIN_VALUE)));
    v.add(Variant.matrix(BuiltinType.INT32, List.of(), List.of(1, 0)));
    v.add(Variant.array(BuiltinType.VARIANT, List.of()));
    v.add(
        Variant.array(
            BuiltinType.VARIANT, List.of(Variant.NULL, Variant.scalar(BuiltinType.BYTE, 255))));
    return v;
  }

  /**
   * DataValues at the edges: each edge Variant alone, and with every field at an extreme
   * (first and last DateTime, 9999 picoseconds, an all-ones status).
   */
  static List<DataValue> edgeDataValues() {
    List<DataValue> values = new ArrayList<>();
    for (Variant v : edgeVariants()) {
      values.add(DataValue.of(v));
    }
    values.add(
        new DataValue(
            Variant.scalar(BuiltinType.DOUBLE, -0.0),
            new StatusCode(-1),
            FIRST_INSTANT,
            DataValue.MAX_PICOSECONDS,
            LAST_INSTANT,
            DataValue.MAX_PICOSECONDS));
    values.add(
        new DataValue(
            Variant.NULL, StatusCode.BAD_NODE_ID_UNKNOWN, LAST_INSTANT, 0, FIRST_INSTANT, 1));
    return values;
  }
}
