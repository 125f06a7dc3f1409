package dev.sluice.payloads.opcua;

import static dev.sluice.payloads.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Built-in types 22..25: ExtensionObject, DataValue and Variant in a Variant, DiagnosticInfo. */
class OpcUaStructuredTypesTest {

  private final OpcUaJsonReader reader = OpcUaJsonReader.create();

  // ------------------------------------------------------------ ExtensionObject

  @Test
  void jsonStructureExtensionObjectKeepsItsFieldsAndWritesUaTypeIdFirst() {
    Variant v =
        reader.readVariant(
            "{\"UaType\":22,\"Value\":{\"Low\":0.50,\"UaTypeId\":\"ns=2;i=3003\",\"High\":1E+3}}");
    ExtensionObject eo = (ExtensionObject) v.value();
    assertThat(eo.typeId()).isEqualTo(ExpandedNodeId.of(NodeId.numeric(2, 3003)));
    assertThat(eo.encoding()).isEqualTo(ExtensionObject.Encoding.JSON);
    // numbers keep their exact text; UaTypeId is not part of the body
    assertThat(eo.jsonBody()).isEqualTo("{\"Low\":0.50,\"High\":1E+3}");
    assertThat(new String(OpcUaJsonWriter.compact().writeVariant(v), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"ns=2;i=3003\",\"Low\":0.50,\"High\":1E+3}}");
  }

  @Test
  void binaryAndXmlBodiesUseUaEncodingAndUaBody() {
    Variant bin =
        reader.readVariant(
            "{\"UaType\":22,\"Value\":{\"UaBody\":\"AQID\",\"UaEncoding\":1,\"UaTypeId\":\"i=887\"}}");
    ExtensionObject b = (ExtensionObject) bin.value();
    assertThat(b.encoding()).isEqualTo(ExtensionObject.Encoding.BINARY);
    assertThat(b.binaryBody()).isEqualTo(ByteString.of(new byte[] {1, 2, 3}));
    assertThat(b.typeId().nodeId()).isEqualTo(NodeId.numeric(0, 887));
    assertThat(OpcUaJsonWriter.compact().writeVariant(bin))
        .asString()
        .isEqualTo(
            "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=887\",\"UaEncoding\":1,\"UaBody\":\"AQID\"}}");

    Variant xml =
        reader.readVariant(
            "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"nsu=urn:acme;s=Range\",\"UaEncoding\":2,"
                + "\"UaBody\":\"<Range><Low>0</Low></Range>\"}}");
    ExtensionObject x = (ExtensionObject) xml.value();
    assertThat(x.xmlBody()).isEqualTo(new XmlElement("<Range><Low>0</Low></Range>"));
    assertThat(x.typeId().namespaceUri()).isEqualTo("urn:acme");
    assertThatThrownBy(x::jsonBody).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void legacyExtensionObjectsAreReadUnderTypeAndBody() {
    Variant json =
        reader.readVariant(
            "{\"Type\":22,\"Body\":{\"Body\":{\"Low\":1},\"TypeId\":{\"Id\":888,\"Namespace\":3}}}");
    assertThat(json.value())
        .isEqualTo(ExtensionObject.ofJson(NodeId.numeric(3, 888), "{ \"Low\" : 1 }"));

    // Body before Encoding: the string is kept until the encoding is known
    Variant bin =
        reader.readVariant(
            "{\"Type\":22,\"Body\":{\"Body\":\"AQID\",\"Encoding\":1,\"TypeId\":\"i=889\"}}");
    assertThat(bin.value())
        .isEqualTo(ExtensionObject.ofBinary(NodeId.numeric(0, 889), ByteString.of(new byte[] {1, 2, 3})));

    Variant xml =
        reader.readVariant(
            "{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":890},\"Encoding\":2,\"Body\":\"<a/>\"}}");
    assertThat(xml.value())
        .isEqualTo(ExtensionObject.ofXml(NodeId.numeric(0, 890), new XmlElement("<a/>")));

    // no Body: the null ExtensionObject
    assertThat(reader.readVariant("{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":890}}}").value())
        .isNull();
  }

  @Test
  void emptyObjectAndNullAreTheNullExtensionObject() {
    assertThat(reader.readVariant("{\"UaType\":22,\"Value\":{}}").value()).isNull();
    Variant arr =
        reader.readVariant(
            "{\"UaType\":22,\"Value\":[null,{},{\"UaTypeId\":\"i=1\",\"A\":[]}]}");
    assertThat(arr.elements())
        .containsExactly(null, null, ExtensionObject.ofJson(NodeId.numeric(0, 1), "{\"A\":[]}"));
  }

  @Test
  void extensionObjectConstructorValidatesTheBody() {
    NodeId id = NodeId.numeric(0, 1);
    assertThat(ExtensionObject.ofJson(id, " {\n \"a\" : [ 1 , 2 ] } "))
        .isEqualTo(ExtensionObject.ofJson(id, "{\"a\":[1,2]}"));
    assertThatThrownBy(() -> ExtensionObject.ofJson(id, "[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ExtensionObject.ofJson(id, "{\"a\":{\"b\":1,\"b\":2}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate member 'b'")
        .hasMessageContaining("line 1, column");
    assertThatThrownBy(() -> ExtensionObject.ofJson(id, "{\"UaTypeId\":\"i=2\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'UaTypeId'");
    assertThatThrownBy(() -> ExtensionObject.ofJson(id, "{} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one JSON object");
    assertThatThrownBy(
            () -> new ExtensionObject(ExpandedNodeId.of(id), ExtensionObject.Encoding.BINARY, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ByteString");
  }

  // ------------------------------------------------------------ DataValue and Variant in a Variant

  @Test
  void variantMayHoldDataValuesInBothForms() {
    Variant current =
        reader.readVariant(
            "{\"UaType\":23,\"Value\":{\"UaType\":11,\"Value\":21.5,\"Status\":{\"Code\":2150891520},"
                + "\"SourceTimestamp\":\"2024-05-01T12:00:00Z\"}}");
    assertThat(current.value())
        .isEqualTo(
            new DataValue(
                Variant.ofDouble(21.5),
                new StatusCode(0x80340000),
                Instant.parse("2024-05-01T12:00:00Z"),
                0,
                null,
                0));
    Variant legacy =
        reader.readVariant(
            "{\"Type\":23,\"Body\":[{\"Value\":{\"Type\":6,\"Body\":5},\"Status\":2150891520},null]}");
    assertThat(legacy.elements())
        .containsExactly(
            new DataValue(Variant.ofInt32(5), new StatusCode(0x80340000), null, 0, null, 0), null);
  }

  @Test
  void arraysOfVariantsInBothFormsWithNullElementsAsTheNullVariant() {
    Variant v =
        reader.readVariant(
            "{\"UaType\":24,\"Value\":[{\"UaType\":6,\"Value\":1},null,{\"Value\":\"a\",\"UaType\":12},"
                + "{\"UaType\":6,\"Value\":[1,2,3,4],\"Dimensions\":[2,2]}]}");
    assertThat(v.elements())
        .containsExactly(
            Variant.ofInt32(1),
            Variant.NULL,
            Variant.ofString("a"),
            Variant.matrix(BuiltinType.INT32, List.of(1, 2, 3, 4), List.of(2, 2)));
    assertThat(OpcUaJsonWriter.compact().writeVariant(v))
        .asString()
        .isEqualTo(
            "{\"UaType\":24,\"Value\":[{\"UaType\":6,\"Value\":1},null,{\"UaType\":12,\"Value\":\"a\"},"
                + "{\"UaType\":6,\"Value\":[1,2,3,4],\"Dimensions\":[2,2]}]}");
    assertThat(Variant.array(BuiltinType.VARIANT, Arrays.asList(Variant.ofInt32(1), null)).elements())
        .containsExactly(Variant.ofInt32(1), Variant.NULL);
  }

  @Test
  void nestedSkippedValuesAreReReadAtTheRightOffsets() {
    // the DataValue's Value comes without UaType (1.04), and inside it Body comes before Type
    // twice over, so the reader re-reads a value inside a value it is already re-reading
    DataValue dv =
        reader.readDataValue(
            "{\"Value\":{\"Body\":[{\"Body\":[7,8],\"Type\":6},{\"Body\":\"x\",\"Type\":12}],"
                + "\"Type\":24}}");
    assertThat(dv.value().elements())
        .containsExactly(Variant.array(BuiltinType.INT32, List.of(7, 8)), Variant.ofString("x"));
    // and an error deep inside is reported at its own line and column
    assertThatThrownBy(
            () ->
                reader.readDataValue(
                    "{\"Value\":{\"Body\":[{\"Body\":[7,\"8\"],\"Type\":6}],\n\"Type\":24}}"))
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> assertThat(e.location()).isEqualTo("$.Value.Body[0].Body[1], line 1, column 30"));
  }

  @Test
  void partSixNestingRulesAreEnforcedByTheModel() {
    DataValue inner = DataValue.of(Variant.ofInt32(1));
    Variant holdsDataValue = Variant.scalar(BuiltinType.DATA_VALUE, inner);
    assertThatThrownBy(() -> DataValue.of(holdsDataValue))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(DataValue.NESTED_DATA_VALUE);
    Variant throughArray = Variant.array(BuiltinType.VARIANT, List.of(holdsDataValue));
    assertThat(throughArray.containsDataValue()).isTrue();
    assertThatThrownBy(() -> DataValue.of(throughArray))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Variant.scalar(BuiltinType.VARIANT, Variant.ofInt32(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Variant.NO_SCALAR_VARIANT);
    assertThatThrownBy(
            () -> Variant.scalar(BuiltinType.DIAGNOSTIC_INFO, DiagnosticInfo.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Variant.NO_DIAGNOSTIC_INFO);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"UaType\":23,\"Value\":{\"UaType\":6,\"Value\":1}}|$.Value, line 1, column 22|cannot, directly or through arrays of Variants, contain another DataValue",
        "{\"Value\":{\"Type\":24,\"Body\":[{\"Type\":23,\"Body\":{}}]}}|$.Value, line 1, column 10|contain another DataValue",
        "{\"UaType\":24,\"Value\":{\"UaType\":6,\"Value\":1}}|$.Value, line 1, column 22|cannot directly contain another Variant",
        "{\"UaType\":24,\"Value\":null}|$.Value, line 1, column 22|cannot directly contain another Variant",
        "{\"UaType\":22,\"Value\":{\"A\":1}}|$.Value, line 1, column 28|ExtensionObject has no UaTypeId field",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"A\":1,\"A\":2}}|$.Value.A, line 1, column 46|duplicate field 'A'",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"UaBody\":\"AAA=\"}}|$.Value.UaBody, line 1, column 49|UaBody needs UaEncoding 1 (UA Binary) or 2 (UA XML)",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"UaEncoding\":1,\"UaBody\":\"@@\"}}|$.Value.UaBody, line 1, column 64|not valid Base64",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"UaEncoding\":1}}|$.Value, line 1, column 54|UaEncoding 1 given without UaBody",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"UaEncoding\":2,\"UaBody\":\"<a/>\",\"X\":1}}|$.Value, line 1, column 76|but Structure fields were found too",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=x\"}}|$.Value.UaTypeId, line 1, column 34|invalid ExpandedNodeId 'i=x'",
        "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"UaEncoding\":3,\"UaBody\":\"\"}}|$.Value.UaEncoding, line 1, column 53|3 is out of range for a UaEncoding",
        "{\"Value\":{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":5},\"Encoding\":1,\"Body\":{\"a\":1}}}}|$.Value.Body.Body, line 1, column 67|Encoding 1 needs a string Body",
        "{\"Value\":{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":5},\"Body\":\"AQID\"}}}|$.Value.Body.Body, line 1, column 54|Encoding 0 (or none) needs a JSON object Body",
        "{\"Value\":{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":5},\"Bogus\":1}}}|$.Value.Body.Bogus, line 1, column 47|unknown ExtensionObject field 'Bogus'",
        "{\"Value\":{\"Type\":22,\"Body\":{\"Body\":{\"a\":1}}}}|$.Value.Body, line 1, column 43|ExtensionObject has a Body but no TypeId",
        "{\"Value\":{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":5},\"Body\":{\"UaTypeId\":1}}}}|$.Value.Body.Body, line 1, column 54|cannot have a member named 'UaTypeId'",
      })
  void structuredTypeErrorsNameTheJsonPathLineAndColumn(
      String json, String location, String reason) {
    assertRejected(() -> reader.readDataValue(json), "opcua-json", location, reason);
  }

  @Test
  void duplicateMembersDeepInsideAStructureBodyAreReportedWhereTheyAre() {
    assertRejected(
        () ->
            reader.readDataValue(
                "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"i=1\",\"A\":{\"b\":1,\n\"b\":2}}}"),
        "opcua-json",
        "$.Value.A, line 2, column 1",
        "duplicate member 'b'");
  }

  // ------------------------------------------------------------ DiagnosticInfo

  @Test
  void diagnosticInfoReadsWritesAndOmitsDefaults() {
    DiagnosticInfo d =
        new DiagnosticInfo(
            3, 1, -1, 4, "socket closed", StatusCode.BAD_TIMEOUT, DiagnosticInfo.of("retry 3"));
    String json =
        "{\"SymbolicId\":3,\"NamespaceUri\":1,\"LocalizedText\":4,\"AdditionalInfo\":\"socket closed\","
            + "\"InnerStatusCode\":{\"Code\":2148139008},"
            + "\"InnerDiagnosticInfo\":{\"AdditionalInfo\":\"retry 3\"}}";
    assertThat(OpcUaJsonWriter.compact().writeDiagnosticInfo(d)).asString().isEqualTo(json);
    assertThat(reader.readDiagnosticInfo(json)).isEqualTo(d);
    assertThat(reader.readDiagnosticInfo(OpcUaJsonWriter.verbose().writeDiagnosticInfo(d)))
        .isEqualTo(d);
    assertThat(reader.readDiagnosticInfo("{}")).isEqualTo(DiagnosticInfo.EMPTY);
    assertThat(
            reader.readDiagnosticInfo(
                "{\"SymbolicId\":null,\"Locale\":-1,\"InnerStatusCode\":null,"
                    + "\"InnerDiagnosticInfo\":null,\"AdditionalInfo\":null}"))
        .isEqualTo(DiagnosticInfo.EMPTY);
    assertThat(d.depth()).isEqualTo(2);
  }

  @Test
  void diagnosticInfoErrorsAndNestingLimit() {
    assertRejected(
        () -> reader.readDiagnosticInfo("{\"SymbolicId\":-2}"),
        "opcua-json",
        "$.SymbolicId, line 1, column 15",
        "-2 is out of range for a string-table index");
    assertThatThrownBy(() -> reader.readDiagnosticInfo("{\"Inner\":1}"))
        .isInstanceOf(PayloadFormatException.class)
        .hasMessageContaining("unknown DiagnosticInfo field 'Inner'");

    String deep100 = nested(100);
    // the default depth limit (32) stops it with a clear error ...
    assertThatThrownBy(() -> reader.readDiagnosticInfo(deep100))
        .isInstanceOf(PayloadFormatException.class)
        .hasMessageContaining("PayloadLimits.maxNestingDepth");
    // ... and a reader allowing 101 levels reads the 100 that Part 6 asks decoders to support
    OpcUaJsonReader deep =
        OpcUaJsonReader.create(new PayloadLimits(1 << 20, 1000, 101, 1024, 256));
    DiagnosticInfo d = deep.readDiagnosticInfo(deep100);
    assertThat(d.depth()).isEqualTo(100);
    assertThat(deep.readDiagnosticInfo(OpcUaJsonWriter.compact().writeDiagnosticInfo(d)))
        .isEqualTo(d);
  }

  @Test
  void nestingBeyondTheThreadStackIsAPayloadErrorNotAStackOverflow() {
    int levels = 200_000;
    String deep =
        "{\"UaType\":24,\"Value\":[".repeat(levels) + "null" + "]}".repeat(levels);
    OpcUaJsonReader unlimited =
        OpcUaJsonReader.create(new PayloadLimits(16L << 20, 1000, 1_000_000, 1024, 256));
    assertThatThrownBy(() -> unlimited.readVariant(deep))
        .isInstanceOf(PayloadFormatException.class)
        .hasMessageContaining("nesting is too deep for this thread's stack");
  }

  private static String nested(int levels) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      sb.append(i == 0 ? "{" : ",\"InnerDiagnosticInfo\":{").append("\"SymbolicId\":").append(i);
    }
    sb.append("}".repeat(levels));
    return sb.toString();
  }
}
