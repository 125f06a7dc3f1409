package dev.sluice.payloads.opcua;

import static dev.sluice.payloads.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeIdTest {

  @Test
  void parsesEveryIdentifierForm() {
    assertThat(NodeId.parse("i=85")).isEqualTo(NodeId.numeric(0, 85));
    assertThat(NodeId.parse("ns=2;s=Line1/Press3/Temperature"))
        .isEqualTo(NodeId.string(2, "Line1/Press3/Temperature"));
    assertThat(NodeId.parse("ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a"))
        .isEqualTo(NodeId.guid(1, UUID.fromString("09087e75-8e5e-499b-954f-f2a9603db28a")));
    assertThat(NodeId.parse("ns=1;b=M/RbKBsRVkePCePcx24oRA=="))
        .isEqualTo(NodeId.opaque(1, ByteString.fromBase64("M/RbKBsRVkePCePcx24oRA==")));
    assertThat(NodeId.parse("ns=0;i=4294967295")).isEqualTo(NodeId.numeric(0, 4294967295L));
    assertThat(NodeId.parse("ns=65535;s=")).isEqualTo(NodeId.string(65535, ""));
    // string identifiers may hold any character, including ';' and '='
    assertThat(NodeId.parse("ns=3;s=a;b=c ns=4;i=1").identifier()).isEqualTo("a;b=c ns=4;i=1");
  }

  @Test
  void formatsCanonically() {
    assertThat(NodeId.numeric(0, 2258)).hasToString("i=2258");
    assertThat(NodeId.string(2, "Tank.Level")).hasToString("ns=2;s=Tank.Level");
    assertThat(NodeId.parse("ns=0;i=7")).hasToString("i=7");
    assertThat(NodeId.parse("ns=1;g=09087E75-8E5E-499B-954F-F2A9603DB28A"))
        .hasToString("ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a");
    assertThat(NodeId.NULL.isNull()).isTrue();
    assertThat(NodeId.numeric(1, 0).isNull()).isFalse();
  }

  @Test
  void expandedNodeIdForms() {
    ExpandedNodeId e = ExpandedNodeId.parse("svr=3;nsu=http://acme.com/plant;s=Line1/Oven2/State");
    assertThat(e.serverIndex()).isEqualTo(3);
    assertThat(e.namespaceUri()).isEqualTo("http://acme.com/plant");
    assertThat(e.nodeId()).isEqualTo(NodeId.string(0, "Line1/Oven2/State"));
    assertThat(e).hasToString("svr=3;nsu=http://acme.com/plant;s=Line1/Oven2/State");

    assertThat(ExpandedNodeId.parse("ns=2;i=5")).isEqualTo(ExpandedNodeId.of(NodeId.numeric(2, 5)));
    assertThat(ExpandedNodeId.parse("svr=1;ns=2;i=5").serverIndex()).isEqualTo(1);

    ExpandedNodeId escaped = new ExpandedNodeId(NodeId.numeric(0, 1), "urn:a;b%c", 0);
    assertThat(escaped).hasToString("nsu=urn:a%3Bb%25c;i=1");
    assertThat(ExpandedNodeId.parse(escaped.toString())).isEqualTo(escaped);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|column 1|expected an identifier",
        "x=1|column 1|unknown identifier type 'x'",
        "i|column 1|expected an identifier 'i=', 's=', 'g=' or 'b='",
        "i=|column 3|numeric identifier is empty",
        "i=12a4|column 5|invalid character 'a' in numeric identifier",
        "i=-1|column 3|invalid character '-'",
        "i=4294967296|column 3|exceeds the UInt32 maximum 4294967295",
        "ns=65536;i=1|column 4|namespace index 65536 exceeds the UInt16 maximum 65535",
        "ns=;i=1|column 4|namespace index is empty",
        "ns=2i=1|column 8|expected ';' after the namespace index",
        "ns=2;q=1|column 6|unknown identifier type 'q'",
        "g=09087e75-8e5e-499b-954f|column 26|Guid identifier is too short",
        "ns=1;g=09087e75x8e5e-499b-954f-f2a9603db28a|column 16|invalid character 'x' in Guid",
        "ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a0|column 44|invalid character '0' in Guid",
        "b=AB$C|column 5|invalid character '$' in Base64",
        "b=A|column 3|not valid Base64",
        "nsu=urn:x;i=1|column 1|only allowed in an ExpandedNodeId",
        "svr=1;i=1|column 1|only allowed in an ExpandedNodeId",
      })
  void reportsWhereAndWhatIsWrong(String text, String location, String reason) {
    assertRejected(() -> NodeId.parse(text), "opcua-nodeid", location, reason);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "svr=4294967296;i=1|column 5|server index 4294967296 exceeds the UInt32 maximum",
        "svr=1|column 6|expected ';' after the server index",
        "nsu=urn:x|column 10|expected ';' after the namespace URI",
        "nsu=urn:%zz;i=1|column 9|invalid percent escape",
        "svr=1;nsu=urn:x;i=x|column 19|invalid character 'x' in numeric identifier",
      })
  void reportsExpandedNodeIdErrors(String text, String location, String reason) {
    assertRejected(() -> ExpandedNodeId.parse(text), "opcua-nodeid", location, reason);
  }

  @Test
  void constructorRejectsOutOfRangeParts() {
    assertThatThrownBy(() -> NodeId.numeric(65536, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeId.numeric(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeId(0, IdType.STRING, 5L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExpandedNodeId(NodeId.numeric(2, 1), "urn:x", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodeIdStringFormRoundTrips() {
    SeededRuns.forAll(
        500,
        edgeNodeIds(),
        NodeIdTest::nodeId,
        id -> {
          String text = id.toString();
          assertThat(NodeId.parse(text)).isEqualTo(id);
          assertThat(NodeId.parse(text).toString()).isEqualTo(text);
          assertThat(ExpandedNodeId.parse(text)).isEqualTo(ExpandedNodeId.of(id));
        });
  }

  @Test
  void expandedNodeIdStringFormRoundTrips() {
    SeededRuns.forAll(
        500,
        List.of(
            new ExpandedNodeId(NodeId.numeric(0, 0), null, 0),
            new ExpandedNodeId(NodeId.string(0, ""), "", NodeId.MAX_NUMERIC_ID),
            new ExpandedNodeId(NodeId.numeric(65535, NodeId.MAX_NUMERIC_ID), null, NodeId.MAX_NUMERIC_ID),
            new ExpandedNodeId(NodeId.string(0, "a;b=c"), "urn:a;b%c=d", 1),
            new ExpandedNodeId(NodeId.opaque(0, ByteString.EMPTY), "x%y", 0)),
        NodeIdTest::expandedNodeId,
        id -> assertThat(ExpandedNodeId.parse(id.toString())).isEqualTo(id));
  }

  @Test
  void arbitraryTextEitherParsesOrFailsWithAColumnInsideTheText() {
    SeededRuns.forAll(
        300,
        List.of("", ";", "i=", "s=", "g=", "b=", "ns=", "ns=1;", "i=4294967296", "\u0000", "ns=65536;i=1"),
        g -> g.unicodeString(0, 255),
        NodeIdTest::parsesOrFailsWithAColumnInsideTheText);
  }

  /** The same check on text made of the characters NodeIds are written with, which parses further. */
  @Test
  void nodeIdLikeTextEitherParsesOrFailsWithAColumnInsideTheText() {
    SeededRuns.forAll(
        300,
        g -> g.stringOf("nsuvr=;igb0123456789afAF-/+:%", 0, 40),
        NodeIdTest::parsesOrFailsWithAColumnInsideTheText);
  }

  private static void parsesOrFailsWithAColumnInsideTheText(String text) {
    try {
      NodeId id = NodeId.parse(text);
      assertThat(NodeId.parse(id.toString())).isEqualTo(id);
    } catch (PayloadFormatException e) {
      int column = Integer.parseInt(e.location().substring("column ".length()));
      assertThat(column).isBetween(1, text.length() + 1);
    }
  }

  /** NodeIds at the edges: namespace 0 and 65535, numeric 0 and the UInt32 maximum, empty ids. */
  static List<NodeId> edgeNodeIds() {
    return List.of(
        NodeId.numeric(0, 0),
        NodeId.numeric(65535, NodeId.MAX_NUMERIC_ID),
        NodeId.string(0, ""),
        NodeId.string(65535, "a;b=c ns=4;i=1"),
        NodeId.guid(0, new UUID(0, 0)),
        NodeId.guid(1, new UUID(-1, -1)),
        NodeId.opaque(0, ByteString.EMPTY),
        NodeId.opaque(2, ByteString.of(new byte[] {-128, 127, 0, -1})));
  }

  static NodeId nodeId(Generator g) {
    return g.<NodeId>oneOf(
        x -> NodeId.numeric(namespace(x), x.longBetween(0, NodeId.MAX_NUMERIC_ID)),
        x -> NodeId.string(namespace(x), x.unicodeString(0, 40)),
        x -> NodeId.guid(namespace(x), new UUID(x.anyLong(), x.anyLong())),
        x -> NodeId.opaque(namespace(x), ByteString.of(x.bytes(0, 24))));
  }

  private static int namespace(Generator g) {
    return g.bool() ? g.pick(0, 1, 2, 65535) : g.intBetween(0, 65535);
  }

  static ExpandedNodeId expandedNodeId(Generator g) {
    NodeId id = nodeId(g);
    String uri =
        g.<String>oneOf(
            x -> null,
            x -> x.pick("http://opcfoundation.org/UA/", "urn:acme:plant;line=1", "x%y"),
            x -> x.unicodeString(0, 20));
    long server = g.bool() ? 0L : g.longBetween(0, NodeId.MAX_NUMERIC_ID);
    NodeId node = uri == null ? id : new NodeId(0, id.idType(), id.identifier());
    return new ExpandedNodeId(node, uri, server);
  }
}
