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
          default -> throw new IllegalArgumentException(t.toString());
        };
    return a.map(o -> (Object) o);
  }

  static Arbitrary<Variant> variants() {
    Arbitrary<BuiltinType> types =
        Arbitraries.of(BuiltinType.values()).filter(t -> t.isSupported() && t != BuiltinType.NULL);
    return types.flatMap(
        t ->
            Arbitraries.oneOf(
                scalar(t).map(v -> Variant.scalar(t, v)),
                elements(t, 0, 6).map(list -> Variant.array(t, list)),
                Combinators.combine(
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3))
                    .flatAs(
                        (rows, cols) ->
                            elements(t, rows * cols, rows * cols)
                                .map(list -> Variant.matrix(t, list, List.of(rows, cols)))),
                Arbitraries.just(Variant.NULL)));
  }

  private static Arbitrary<List<Object>> elements(BuiltinType t, int min, int max) {
    Arbitrary<Object> element = scalar(t);
    if (t.isNullable()) {
      element = element.injectNull(0.1);
    }
    return element.list().ofMinSize(min).ofMaxSize(max).map(ArrayList::new);
  }

  static Arbitrary<DataValue> dataValues() {
    Arbitrary<StatusCode> statuses =
        Arbitraries.oneOf(
            Arbitraries.just(StatusCode.GOOD),
            Arbitraries.integers().map(StatusCode::new),
            Arbitraries.of(StatusCode.UNCERTAIN_LAST_USABLE_VALUE, StatusCode.BAD_NODE_ID_UNKNOWN));
    Arbitrary<Instant> ts = instants().injectNull(0.3);
    Arbitrary<Integer> ps =
        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 9999));
    return Combinators.combine(variants(), statuses, ts, ps, ts, ps).as(DataValue::new);
  }
}
