package dev.sluice.payloads.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.SeededRuns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpcUaJsonRoundTripTest {

  private final OpcUaJsonReader reader = OpcUaJsonReader.create();

  /** A Double with an Uncertain status and a source timestamp only. */
  private static final DataValue UNCERTAIN_DOUBLE =
      new DataValue(
          Variant.ofDouble(21.5),
          StatusCode.UNCERTAIN_LAST_USABLE_VALUE,
          Instant.parse("2024-05-01T12:00:00Z"),
          0,
          null,
          0);

  @Test
  void compactDataValueRoundTrips() {
    SeededRuns.forAll(
        400,
        OpcUaGenerators.edgeDataValues(),
        OpcUaGenerators::dataValue,
        dv -> {
          byte[] json = OpcUaJsonWriter.compact().writeDataValue(dv);
          assertThat(reader.readDataValue(json)).isEqualTo(dv);
        });
  }

  @Test
  void verboseDataValueRoundTrips() {
    SeededRuns.forAll(
        400,
        OpcUaGenerators.edgeDataValues(),
        OpcUaGenerators::dataValue,
        dv -> {
          byte[] json = OpcUaJsonWriter.verbose().writeDataValue(dv);
          assertThat(reader.readDataValue(json)).isEqualTo(dv);
        });
  }

  @Test
  void variantRoundTripsInBothEncodings() {
    SeededRuns.forAll(
        300,
        OpcUaGenerators.edgeVariants(),
        OpcUaGenerators::variant,
        v -> {
          assertThat(reader.readVariant(OpcUaJsonWriter.compact().writeVariant(v))).isEqualTo(v);
          assertThat(reader.readVariant(OpcUaJsonWriter.verbose().writeVariant(v))).isEqualTo(v);
        });
  }

  @Test
  void fieldOrderDoesNotMatter() {
    SeededRuns.forAll(
        100,
        OpcUaGenerators.edgeDataValues(),
        OpcUaGenerators::dataValue,
        dv -> {
          // move UaType (the first member) to the end: the reader must re-read Value afterwards
          String json = OpcUaJsonWriter.compact().writeDataValueAsString(dv);
          if (json.startsWith("{\"UaType\":") && json.length() > 2) {
            int comma = json.indexOf(',');
            String uaType = json.substring(1, comma);
            String reordered =
                "{" + json.substring(comma + 1, json.length() - 1) + "," + uaType + "}";
            assertThat(reader.readDataValue(reordered)).isEqualTo(dv);
          }
        });
  }

  @Test
  void compactFormOmitsDefaults() {
    DataValue dv = UNCERTAIN_DOUBLE;
    assertThat(OpcUaJsonWriter.compact().writeDataValueAsString(dv))
        .isEqualTo(
            "{\"UaType\":11,\"Value\":21.5,\"Status\":{\"Code\":1083179008},"
                + "\"SourceTimestamp\":\"2024-05-01T12:00:00Z\"}");
    assertThat(OpcUaJsonWriter.compact().writeDataValueAsString(DataValue.of(Variant.NULL)))
        .isEqualTo("{}");
  }

  @Test
  void verboseFormWritesEveryFieldAndSymbols() {
    DataValue dv = UNCERTAIN_DOUBLE;
    assertThat(OpcUaJsonWriter.verbose().writeDataValueAsString(dv))
        .isEqualTo(
            "{\"UaType\":11,\"Value\":21.5,"
                + "\"Status\":{\"Code\":1083179008,\"Symbol\":\"UncertainLastUsableValue\"},"
                + "\"SourceTimestamp\":\"2024-05-01T12:00:00Z\",\"SourcePicoseconds\":0,"
                + "\"ServerTimestamp\":null,\"ServerPicoseconds\":0}");
  }

  @Test
  void builtInTypeEncodings() {
    OpcUaJsonWriter w = OpcUaJsonWriter.compact();
    assertThat(json(w.writeVariant(Variant.ofInt64(9007199254740993L))))
        .isEqualTo("{\"UaType\":8,\"Value\":\"9007199254740993\"}");
    assertThat(json(w.writeVariant(Variant.scalar(BuiltinType.UINT64, -1L))))
        .isEqualTo("{\"UaType\":9,\"Value\":\"18446744073709551615\"}");
    assertThat(json(w.writeVariant(Variant.ofDouble(Double.NaN))))
        .isEqualTo("{\"UaType\":11,\"Value\":\"NaN\"}");
    assertThat(json(w.writeVariant(Variant.ofFloat(Float.NEGATIVE_INFINITY))))
        .isEqualTo("{\"UaType\":10,\"Value\":\"-Infinity\"}");
    assertThat(json(w.writeVariant(Variant.scalar(BuiltinType.BYTE_STRING, ByteString.of(new byte[] {1, 2, 3})))))
        .isEqualTo("{\"UaType\":15,\"Value\":\"AQID\"}");
    assertThat(json(w.writeVariant(Variant.scalar(BuiltinType.NODE_ID, NodeId.string(2, "A/B")))))
        .isEqualTo("{\"UaType\":17,\"Value\":\"ns=2;s=A/B\"}");
    assertThat(json(w.writeVariant(Variant.scalar(BuiltinType.QUALIFIED_NAME, new QualifiedName(3, "Temp")))))
        .isEqualTo("{\"UaType\":20,\"Value\":\"3:Temp\"}");
    assertThat(
            json(w.writeVariant(Variant.matrix(BuiltinType.INT32, List.of(1, 2, 3, 4, 5, 6), List.of(2, 3)))))
        .isEqualTo("{\"UaType\":6,\"Value\":[1,2,3,4,5,6],\"Dimensions\":[2,3]}");
  }

  @Test
  void dateTimesAreClampedToTheJsonRange() {
    OpcUaJsonWriter w = OpcUaJsonWriter.compact();
    assertThat(json(w.writeVariant(Variant.ofDateTime(Instant.parse("+10000-01-01T00:00:00Z")))))
        .isEqualTo("{\"UaType\":13,\"Value\":\"9999-12-31T23:59:59Z\"}");
    assertThat(json(w.writeVariant(Variant.ofDateTime(Instant.parse("-0001-01-01T00:00:00Z")))))
        .isEqualTo("{\"UaType\":13,\"Value\":\"0001-01-01T00:00:00Z\"}");
    assertThat(reader.readVariant("{\"UaType\":13,\"Value\":\"+12000-01-01T00:00:00Z\"}").value())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    assertThat(reader.readVariant("{\"UaType\":13,\"Value\":\"2024-05-01T14:00:00+02:00\"}").value())
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    // DateTime.MinValue as a DataValue timestamp means "no timestamp"
    assertThat(
            reader
                .readDataValue("{\"UaType\":1,\"Value\":true,\"SourceTimestamp\":\"0001-01-01T00:00:00Z\"}")
                .sourceTimestamp())
        .isNull();
  }

  @Test
  void arraysAndObjectsOfDataValues() {
    List<DataValue> values =
        List.of(DataValue.of(Variant.ofInt32(1)), DataValue.of(Variant.ofString("x")));
    assertThat(reader.readDataValueArray(OpcUaJsonWriter.verbose().writeDataValueArray(values)))
        .isEqualTo(values);
    Map<String, DataValue> byTag = new LinkedHashMap<>();
    byTag.put("ns=2;s=Line1/Press3/Temperature", values.get(0));
    byTag.put("ns=2;s=Line1/Press3/Running", values.get(1));
    assertThat(reader.readDataValueObject(OpcUaJsonWriter.compact().writeDataValueObject(byTag)))
        .containsExactlyEntriesOf(byTag);
  }

  private static String json(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
