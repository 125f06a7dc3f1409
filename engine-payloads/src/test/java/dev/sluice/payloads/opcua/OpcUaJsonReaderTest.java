package dev.sluice.payloads.opcua;

import static dev.sluice.payloads.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpcUaJsonReaderTest {

  private final OpcUaJsonReader reader = OpcUaJsonReader.create();

  // ------------------------------------------------------------ 1.04 reversible samples

  @Test
  void reads104ReversibleDataValue() {
    // Written from Part 6 (1.04) 5.4.2.17/18: Value is a Variant object {"Type","Body"},
    // Status is a number, picoseconds are spelled "PicoSeconds".
    String json =
        """
        {"Value":{"Type":11,"Body":21.5},
         "Status":1083179008,
         "SourceTimestamp":"2024-05-01T12:00:00.123Z","SourcePicoSeconds":500,
         "ServerTimestamp":"2024-05-01T12:00:00.2Z","ServerPicoSeconds":10}
        """;
    DataValue dv = reader.readDataValue(json);
    assertThat(dv.value()).isEqualTo(Variant.ofDouble(21.5));
    assertThat(dv.status()).isEqualTo(StatusCode.UNCERTAIN_LAST_USABLE_VALUE);
    assertThat(dv.sourceTimestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
    assertThat(dv.sourcePicoseconds()).isEqualTo(500);
    assertThat(dv.serverTimestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.200Z"));
    assertThat(dv.serverPicoseconds()).isEqualTo(10);
  }

  @Test
  void reads104VariantBodies() {
    assertThat(reader.readVariant("{\"Type\":8,\"Body\":\"9007199254740993\"}"))
        .isEqualTo(Variant.ofInt64(9007199254740993L));
    assertThat(reader.readVariant("{\"Type\":9,\"Body\":\"18446744073709551615\"}").value())
        .isEqualTo(-1L);
    assertThat(reader.readVariant("{\"Type\":10,\"Body\":\"NaN\"}").value()).isEqualTo(Float.NaN);
    assertThat(reader.readVariant("{\"Type\":11,\"Body\":\"-Infinity\"}").value())
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(reader.readVariant("{\"Type\":17,\"Body\":{\"IdType\":1,\"Id\":\"Pump.Speed\",\"Namespace\":2}}").value())
        .isEqualTo(NodeId.string(2, "Pump.Speed"));
    assertThat(reader.readVariant("{\"Type\":17,\"Body\":{\"Id\":2258}}").value())
        .isEqualTo(NodeId.numeric(0, 2258));
    assertThat(
            reader
                .readVariant(
                    "{\"Type\":18,\"Body\":{\"IdType\":2,\"Id\":\"09087e75-8e5e-499b-954f-f2a9603db28a\","
                        + "\"Namespace\":\"http://acme.com/plant\",\"ServerUri\":1}}")
                .value())
        .isEqualTo(
            new ExpandedNodeId(
                NodeId.guid(0, UUID.fromString("09087e75-8e5e-499b-954f-f2a9603db28a")),
                "http://acme.com/plant",
                1));
    assertThat(reader.readVariant("{\"Type\":20,\"Body\":{\"Name\":\"Temp\",\"Uri\":3}}").value())
        .isEqualTo(new QualifiedName(3, "Temp"));
    assertThat(reader.readVariant("{\"Type\":21,\"Body\":{\"Locale\":\"en-US\",\"Text\":\"Hot\"}}").value())
        .isEqualTo(new LocalizedText("en-US", "Hot"));
    assertThat(reader.readVariant("{\"Type\":19,\"Body\":2150891520}").value())
        .isEqualTo(StatusCode.BAD_NODE_ID_UNKNOWN);
    assertThat(reader.readVariant("{\"Type\":6,\"Body\":[1,2,3,4,5,6],\"Dimensions\":[2,3]}"))
        .isEqualTo(Variant.matrix(BuiltinType.INT32, List.of(1, 2, 3, 4, 5, 6), List.of(2, 3)));
    // open62541 1.4 (a 1.04-era encoder) spells the matrix dimensions "Dimension"
    assertThat(reader.readVariant("{\"Type\":6,\"Body\":[1,2,3,4,5,6],\"Dimension\":[2,3]}"))
        .isEqualTo(Variant.matrix(BuiltinType.INT32, List.of(1, 2, 3, 4, 5, 6), List.of(2, 3)));
    assertThat(reader.readDataValue("{\"Value\":{\"Dimension\":[3,1],\"Type\":11,\"Body\":[1.5,2,3]}}")
            .value())
        .isEqualTo(Variant.matrix(BuiltinType.DOUBLE, List.of(1.5, 2.0, 3.0), List.of(3, 1)));
    assertThat(reader.readVariant("{\"Body\":[\"a\",null],\"Type\":12}"))
        .isEqualTo(Variant.array(BuiltinType.STRING, java.util.Arrays.asList("a", null)));
    assertThat(reader.readVariant("{\"Type\":0}")).isEqualTo(Variant.NULL);
  }

  @Test
  void reads104DataValueWithNullAndMinimalFields() {
    assertThat(reader.readDataValue("{}")).isEqualTo(DataValue.of(Variant.NULL));
    assertThat(reader.readDataValue("{\"Value\":null,\"Status\":2150891520}").status())
        .isEqualTo(StatusCode.BAD_NODE_ID_UNKNOWN);
    assertThat(
            reader
                .readDataValue("{\"Value\":{\"Type\":1,\"Body\":true},\"SourceTimestamp\":\"0001-01-01T00:00:00Z\"}")
                .sourceTimestamp())
        .isNull();
  }

  // ------------------------------------------------------------ spelling variants

  @Test
  void acceptsSpellingVariantsSeenInTheWild() {
    DataValue expected =
        new DataValue(
            Variant.ofInt32(7),
            StatusCode.BAD_NODE_ID_UNKNOWN,
            Instant.parse("2024-01-01T00:00:00Z"),
            12,
            Instant.parse("2024-01-01T00:00:01Z"),
            34);
    String[] variants = {
      "{\"UaType\":6,\"Value\":7,\"Status\":{\"Code\":2150891520},"
          + "\"SourceTimestamp\":\"2024-01-01T00:00:00Z\",\"SourcePicoseconds\":12,"
          + "\"ServerTimestamp\":\"2024-01-01T00:00:01Z\",\"ServerPicoseconds\":34}",
      "{\"UaType\":6,\"Value\":7,\"StatusCode\":{\"Code\":2150891520,\"Symbol\":\"BadNodeIdUnknown\"},"
          + "\"SourceTimestamp\":\"2024-01-01T00:00:00Z\",\"SourcePicoSeconds\":12,"
          + "\"ServerTimestamp\":\"2024-01-01T00:00:01Z\",\"ServerPicoSeconds\":34}",
      "{\"Value\":{\"Type\":6,\"Body\":7},\"StatusCode\":2150891520,"
          + "\"SourceTimestamp\":\"2024-01-01T00:00:00Z\",\"SourcePicoseconds\":12,"
          + "\"ServerTimestamp\":\"2024-01-01T00:00:01Z\",\"ServerPicoSeconds\":34}",
      "{\"Value\":7,\"UaType\":6,\"Status\":{\"Symbol\":\"Bad_NodeIdUnknown\"},"
          + "\"SourceTimestamp\":\"2024-01-01T01:00:00+01:00\",\"SourcePicoseconds\":12,"
          + "\"ServerTimestamp\":\"2024-01-01T00:00:01Z\",\"ServerPicoseconds\":34}",
    };
    for (String json : variants) {
      assertThat(reader.readDataValue(json)).as(json).isEqualTo(expected);
    }
  }

  @Test
  void statusGoodAsNullOrEmptyObject() {
    assertThat(reader.readDataValue("{\"UaType\":1,\"Value\":true,\"Status\":null}").status())
        .isEqualTo(StatusCode.GOOD);
    assertThat(reader.readDataValue("{\"UaType\":1,\"Value\":true,\"Status\":{}}").status())
        .isEqualTo(StatusCode.GOOD);
  }

  // ------------------------------------------------------------ errors

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // 1.04 Value buffered, the bad element reported at its own column
        "{\"Value\":{\"Type\":6,\"Body\":[1,2,\"x\"]}}|$.Value.Body[2], line 1, column 32|expected an integer for an Int32 but found a string",
        "{\"UaType\":3,\"Value\":256}|$.Value, line 1, column 21|256 is out of range for a Byte (0..255)",
        "{\"Value\":[1,\"a\"],\"UaType\":6}|$.Value[1], line 1, column 13|expected an integer for an Int32",
        "{\"UaType\":6,\"Value\":1,\"Stat\":0}|$.Stat, line 1, column 23|unknown DataValue field 'Stat'",
        "{\"UaType\":6,\"Value\":1,\"Status\":0,\"StatusCode\":0}|$.StatusCode, line 1, column 34|duplicate field 'StatusCode'",
        "{\"UaType\":26,\"Value\":1}|$.UaType, line 1, column 11|built-in type id must be 0..25, was 26",
        "{\"UaType\":25,\"Value\":{}}|$.UaType, line 1, column 11|a Variant cannot hold a DiagnosticInfo (Part 6 §5.1.9",
        "{\"UaType\":6}|$, line 1, column 12|UaType 6 (Int32) given without Value",
        // found by fuzzing: a skipped Value whose UaType turns out to be 0 (Null)
        "{\"Value\":{\"a\":1},\"UaType\":0}|$.Value, line 1, column 10|a Variant of built-in type 0 (Null) must have a null value",
        "{\"Value\":5}|$.Value, line 1, column 10|Value needs a UaType field (1.05) or must be a Variant object",
        "{\"UaType\":8,\"Value\":\"12x\"}|$.Value, line 1, column 21|'12x' is not a decimal Int64",
        "{\"UaType\":9,\"Value\":\"18446744073709551616\"}|$.Value, line 1, column 21|out of range for a UInt64",
        "{\"UaType\":10,\"Value\":\"nan\"}|$.Value, line 1, column 22|'nan' is not a Float",
        "{\"UaType\":10,\"Value\":1e39}|$.Value, line 1, column 22|1e39 is out of range for a Float",
        "{\"UaType\":13,\"Value\":\"yesterday\"}|$.Value, line 1, column 22|'yesterday' is not an ISO 8601 date-time",
        "{\"UaType\":14,\"Value\":\"1-2-3-4-5\"}|$.Value, line 1, column 22|'1-2-3-4-5' is not a Guid",
        "{\"UaType\":15,\"Value\":\"@@\"}|$.Value, line 1, column 22|ByteString is not valid Base64",
        "{\"UaType\":17,\"Value\":\"ns=2;i=x\"}|$.Value, line 1, column 22|invalid NodeId 'ns=2;i=x' at column 8: invalid character 'x'",
        "{\"UaType\":17,\"Value\":{\"Id\":1,\"Namespace\":\"urn:x\"}}|$.Value.Namespace, line 1, column 42|namespace URI cannot be resolved",
        "{\"UaType\":19,\"Value\":{\"Code\":0,\"Symbol\":\"BadTimeout\"}}|$.Value.Symbol, line 1, column 41|Symbol 'BadTimeout' does not match Code 0x00000000",
        "{\"UaType\":19,\"Value\":{\"Symbol\":\"BadNope\"}}|$.Value.Symbol, line 1, column 32|unknown StatusCode Symbol 'BadNope'",
        "{\"UaType\":6,\"Value\":[1,2,3],\"Dimensions\":[2,2]}|$.Dimensions, line 1, column 42|Dimensions [2, 2] need 4 elements but Value has 3",
        "{\"UaType\":6,\"Value\":1,\"SourcePicoseconds\":10000}|$.SourcePicoseconds, line 1, column 43|picoseconds must be 0..9999",
        "{\"UaType\":6,\"Value\":1,\"SourceTimestamp\":5}|$.SourceTimestamp, line 1, column 41|expected a DateTime string (ISO 8601) but found an integer",
        "{\"Value\":{\"Type\":6,\"Value\":1}}|$.Value.Value, line 1, column 20|mixes 1.05 field names",
        "{\"Value\":{\"Type\":6,\"Body\":[1,2],\"Dimension\":[2],\"Dimensions\":[2]}}|$.Value.Dimensions, line 1, column 49|duplicate field 'Dimensions'",
        "{\"Value\":{\"Type\":6,\"Body\":[1,2,3],\"Dimension\":[2,2]}}|$.Value.Dimension, line 1, column 47|Dimensions [2, 2] need 4 elements but Body has 3",
        "{\"Value\":{\"UaType\":6,\"Value\":[1,2],\"Dimension\":[2]}}|$.Value.Dimension, line 1, column 36|mixes 1.05 field names",
        "{\"UaType\":6,\"Value\":1} {}|$, line 1, column 24|unexpected content after the end of the document",
        "{\"UaType\":6,|$, line 1, column 13|malformed JSON",
        "[]|$, line 1, column 1|expected a DataValue object but found an array",
        "``|$, line 1, column 1|expected a DataValue object but found an empty document",
      })
  void errorsNameTheJsonPathLineAndColumn(String json, String location, String reason) {
    assertRejected(() -> reader.readDataValue(json), "opcua-json", location, reason);
  }

  @Test
  void lineNumbersAreExactInsideReReadValues() {
    String json = "{\n  \"Value\": {\n    \"Type\": 6,\n    \"Body\": [1,\n      true]\n  }\n}";
    assertThatThrownBy(() -> reader.readDataValue(json))
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> assertThat(e.location()).isEqualTo("$.Value.Body[1], line 5, column 7"));
  }

  @Test
  void pathsInArraysAndObjectsOfDataValues() {
    assertThatThrownBy(() -> reader.readDataValueArray("[{},{\"UaType\":1,\"Value\":3}]"))
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> assertThat(e.location()).isEqualTo("$[1].Value, line 1, column 25"));
    assertThatThrownBy(
            () -> reader.readDataValueObject("{\"ns=2;s=A/B\":{\"UaType\":1,\"Value\":3}}"))
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> assertThat(e.location()).isEqualTo("$['ns=2;s=A/B'].Value, line 1, column 35"));
    assertThatThrownBy(() -> reader.readDataValueObject("{\"a\":{},\"a\":{}}"))
        .hasMessageContaining("duplicate member 'a'");
  }

  // ------------------------------------------------------------ limits

  @Test
  void enforcesPayloadLimits() {
    OpcUaJsonReader small = OpcUaJsonReader.create(new PayloadLimits(64, 3, 4, 8, 16));
    assertRejected(
        () -> small.readDataValue("{\"UaType\":6,\"Value\":[1,2,3,4]}"),
        "opcua-json",
        "$.Value[3], line 1, column 28",
        "more than 3 elements (PayloadLimits.maxRecords)");
    assertThatThrownBy(() -> small.readDataValueArray("[{},{},{},{}]"))
        .hasMessageContaining("PayloadLimits.maxRecords");
    assertThatThrownBy(() -> small.readDataValue("{\"UaType\":12,\"Value\":\"123456789\"}"))
        .hasMessageContaining("PayloadLimits.maxStringLength");
    assertThatThrownBy(() -> small.readDataValue("{\"Value\":[[[[[1]]]]]}"))
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> assertThat(e.reason()).contains("PayloadLimits.maxNestingDepth"));
    assertThatThrownBy(() -> small.readDataValue("{\"UaType\":6,\"Value\":1,\"SourceTimestamp\":null}" + " ".repeat(40)))
        .isInstanceOf(PayloadFormatException.class)
        .hasMessageContaining("PayloadLimits.maxInputBytes");
    assertRejected(
        () -> small.readDataValue("{}" + " ".repeat(70)),
        "opcua-json",
        "$",
        "PayloadLimits.maxInputBytes");
    assertThatThrownBy(() -> small.readDataValue("{\"ThisNameIsFarTooLong\":1}"))
        .hasMessageContaining("PayloadLimits.maxLabelNameLength");
  }
}
