package dev.sluice.payloads.opcua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random model values for properties. */
final class OpcUaArbitraries {

  private OpcUaArbitraries() {}

  static Arbitrary<Instant> instants() {
    // 100 ns resolution, 1601..9999 as OPC UA DateTime allows
    long min = Instant.parse("1601-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:58Z").getEpochSecond();
    return Combinators.combine(
            Arbitraries.longs().between(min, max), Arbitraries.integers().between(0, 9_999_999))
        .as((s, ticks) -> Instant.ofEpochSecond(s, ticks * 100L));
  }

  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.of("", "Line1/Press3/Temperature", "ünïcødé ✓", "quote\"back\\slash\n"));
  }

  static Arbitrary<Object> scalar(BuiltinType t) {
    Arbitrary<? extends Object> a =
        switch (t) {
          case BOOLEAN -> Arbitraries.of(true, false);
          case SBYTE -> Arbitraries.bytes();
          case BYTE -> Arbitraries.integers().between(0, 255);
          case INT16 -> Arbitraries.shorts();
          case UINT16 -> Arbitraries.integers().between(0, 65535);
          case INT32 -> Arbitraries.integers();
          case UINT32 -> Arbitraries.longs().between(0, 0xFFFF_FFFFL);
          case INT64, UINT64 -> Arbitraries.longs();
          case FLOAT ->
              Arbitraries.oneOf(
                  Arbitraries.floats(),
                  Arbitraries.of(
                      Float.NaN,
                      Float.POSITIVE_INFINITY,
                      Float.NEGATIVE_INFINITY,
                      Float.MAX_VALUE,
                      Float.MIN_VALUE,
                      -0.0f));
          case DOUBLE ->
              Arbitraries.oneOf(
                  Arbitraries.doubles(),
                  Arbitraries.of(
                      Double.NaN,
                      Double.POSITIVE_INFINITY,
                      Double.NEGATIVE_INFINITY,
                      Double.MAX_VALUE,
                      Double.MIN_VALUE,
                      -0.0));
          case STRING -> strings();
          case DATE_TIME -> instants();
          case GUID ->
              Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
          case BYTE_STRING ->
              Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(ByteString::of);
          case XML_ELEMENT -> strings().map(s -> new XmlElement("<a>" + s + "</a>"));
          case NODE_ID -> NodeIdTest.nodeIds();
          case EXPANDED_NODE_ID -> NodeIdTest.expandedNodeIds();
          case STATUS_CODE ->
              Arbitraries.oneOf(
                  Arbitraries.integers().map(StatusCode::new),
                  Arbitraries.of(
                      StatusCode.GOOD, StatusCode.BAD_TIMEOUT, StatusCode.GOOD_CLAMPED));
          case QUALIFIED_NAME ->
              Combinators.combine(Arbitraries.integers().between(0, 65535), strings())
                  .as(QualifiedName::new);
          case LOCALIZED_TEXT ->
              Combinators.combine(
                      Arbitraries.of("en-US", "de", "").injectNull(0.3),
                      strings().injectNull(0.2))
                  .as(LocalizedText::new);
          case EXTENSION_OBJECT -> extensionObjects();
          case DATA_VALUE -> dataValuesOf(simpleVariants());
          default -> throw new IllegalArgumentException(t.toString());
        };
    return a.map(o -> (Object) o);
  }

  /** ExtensionObjects with JSON (including exact big and exponent numbers), binary and XML bodies. */
  static Arbitrary<ExtensionObject> extensionObjects() {
    Arbitrary<ExpandedNodeId> ids = NodeIdTest.expandedNodeIds();
    Arbitrary<String> json =
        Arbitraries.of(
            "{}",
            "{\"Low\":0.5,\"High\":99.5}",
            "{ \"Name\" : \"ünï ✓\", \"Tags\":[1,2.50,null,true,false],\"N\":{\"a\":{\"b\":[]}}}",
            "{\"Big\":123456789012345678901234567890,\"Exp\":1E+400,\"Neg\":-0.0}");
    return Arbitraries.oneOf(
        Combinators.combine(ids, json)
            .as((id, j) -> new ExtensionObject(id, ExtensionObject.Encoding.JSON, j)),
        Combinators.combine(
                ids, Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(ByteString::of))
            .as((id, b) -> new ExtensionObject(id, ExtensionObject.Encoding.BINARY, b)),
        Combinators.combine(ids, strings())
            .as(
                (id, x) ->
                    new ExtensionObject(
                        id, ExtensionObject.Encoding.XML, new XmlElement("<a>" + x + "</a>"))));
  }

  /** Variants of every type a Variant may hold: 0..24 (arrays only for 24). */
  static Arbitrary<Variant> variants() {
    return variantsOf(Arbitraries.integers().between(1, 24).map(BuiltinType::ofId));
  }

  /** Variants of types 0..22, which never hold a DataValue or a Variant. */
  static Arbitrary<Variant> simpleVariants() {
    return variantsOf(Arbitraries.integers().between(1, 22).map(BuiltinType::ofId));
  }

  private static Arbitrary<Variant> variantsOf(Arbitrary<BuiltinType> types) {
    return types.flatMap(
        t -> {
          Arbitrary<Variant> array = elements(t, 0, 4).map(list -> Variant.array(t, list));
          Arbitrary<Variant> matrix =
              Combinators.combine(
                      Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3))
                  .flatAs(
                      (rows, cols) ->
                          elements(t, rows * cols, rows * cols)
                              .map(list -> Variant.matrix(t, list, List.of(rows, cols))));
          if (t == BuiltinType.VARIANT) {
            return Arbitraries.oneOf(array, matrix);
          }
          return Arbitraries.oneOf(
              scalar(t).map(v -> Variant.scalar(t, v)), array, matrix, Arbitraries.just(Variant.NULL));
        });
  }

  private static Arbitrary<List<Object>> elements(BuiltinType t, int min, int max) {
    Arbitrary<Object> element =
        t == BuiltinType.VARIANT ? simpleVariants().map(v -> (Object) v) : scalar(t);
    if (t.isNullable()) {
      element = element.injectNull(0.1);
    }
    return element.list().ofMinSize(min).ofMaxSize(max).map(ArrayList::new);
  }

  /** DataValues whose Variant never contains a DataValue, as Part 6 requires. */
  static Arbitrary<DataValue> dataValues() {
    return dataValuesOf(variants().filter(v -> !v.containsDataValue()));
  }

  private static Arbitrary<DataValue> dataValuesOf(Arbitrary<Variant> values) {
    Arbitrary<StatusCode> statuses =
        Arbitraries.oneOf(
            Arbitraries.just(StatusCode.GOOD),
            Arbitraries.integers().map(StatusCode::new),
            Arbitraries.of(StatusCode.UNCERTAIN_LAST_USABLE_VALUE, StatusCode.BAD_NODE_ID_UNKNOWN));
    Arbitrary<Instant> ts = instants().injectNull(0.3);
    Arbitrary<Integer> ps =
        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 9999));
    return Combinators.combine(values, statuses, ts, ps, ts, ps).as(DataValue::new);
  }
}
