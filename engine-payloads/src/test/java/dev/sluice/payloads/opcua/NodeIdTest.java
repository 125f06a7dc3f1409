package dev.sluice.payloads.opcua;

import static dev.sluice.payloads.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Property(tries = 500)
  void nodeIdStringFormRoundTrips(@ForAll("nodeIds") NodeId id) {
    String text = id.toString();
    assertThat(NodeId.parse(text)).isEqualTo(id);
    assertThat(NodeId.parse(text).toString()).isEqualTo(text);
    assertThat(ExpandedNodeId.parse(text)).isEqualTo(ExpandedNodeId.of(id));
  }

  @Property(tries = 500)
  void expandedNodeIdStringFormRoundTrips(@ForAll("expandedNodeIds") ExpandedNodeId id) {
    assertThat(ExpandedNodeId.parse(id.toString())).isEqualTo(id);
  }

  @Property(tries = 300)
  void arbitraryTextEitherParsesOrFailsWithAColumnInsideTheText(@ForAll String text) {
    try {
      NodeId id = NodeId.parse(text);
      assertThat(NodeId.parse(id.toString())).isEqualTo(id);
    } catch (PayloadFormatException e) {
      int column = Integer.parseInt(e.location().substring("column ".length()));
      assertThat(column).isBetween(1, text.length() + 1);
    }
  }

  @Provide
  static Arbitrary<NodeId> nodeIds() {
    Arbitrary<Integer> ns =
        Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 65535), Arbitraries.integers().between(0, 65535));
    Arbitrary<NodeId> numeric =
        Combinators.combine(ns, Arbitraries.longs().between(0, NodeId.MAX_NUMERIC_ID))
            .as(NodeId::numeric);
    Arbitrary<NodeId> string =
        Combinators.combine(ns, Arbitraries.strings().ofMaxLength(40)).as(NodeId::string);
    Arbitrary<NodeId> guid =
        Combinators.combine(ns, Arbitraries.longs(), Arbitraries.longs())
            .as((n, hi, lo) -> NodeId.guid(n, new UUID(hi, lo)));
    Arbitrary<NodeId> opaque =
        Combinators.combine(ns, Arbitraries.bytes().array(byte[].class).ofMaxSize(24))
            .as((n, b) -> NodeId.opaque(n, ByteString.of(b)));
    return Arbitraries.oneOf(numeric, string, guid, opaque);
  }

  @Provide
  static Arbitrary<ExpandedNodeId> expandedNodeIds() {
    Arbitrary<String> uris =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.of("http://opcfoundation.org/UA/", "urn:acme:plant;line=1", "x%y"),
            Arbitraries.strings().ofMaxLength(20));
    Arbitrary<Long> servers =
        Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, NodeId.MAX_NUMERIC_ID));
    return Combinators.combine(nodeIds(), uris, servers)
        .as(
            (id, uri, svr) -> {
              NodeId node =
                  uri == null ? id : new NodeId(0, id.idType(), id.identifier());
              return new ExpandedNodeId(node, uri, svr);
            });
  }
}
