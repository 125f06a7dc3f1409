package dev.sluice.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.senml.SenmlCodec;
import dev.sluice.payloads.senml.SenmlPack;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSequenceTest {
  private static final PayloadLimits LIMITS = PayloadLimits.DEFAULTS;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<DocumentSequence.Part> parts) {
    return parts.stream().map(p -> new String(p.bytes(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void jsonLinesAndPrettyDocuments() {
    List<DocumentSequence.Part> parts = DocumentSequence.json("senml-json",
        bytes("[{\"n\":\"a]\\\"}\",\"v\":1}]\n\n  {\"x\": [1,\n 2]}\r\n[]"), LIMITS);
    assertThat(texts(parts)).containsExactly(
        "[{\"n\":\"a]\\\"}\",\"v\":1}]", "{\"x\": [1,\n 2]}", "[]");
    assertThat(parts).extracting(DocumentSequence.Part::line).containsExactly(1, 3, 5);
    assertThat(parts.get(1).byteOffset()).isEqualTo(25);
    // not JSON or cut short: handed on as they are, for the decoder to report
    assertThat(texts(DocumentSequence.json("j", bytes("[1]\nnope\n[2"), LIMITS)))
        .containsExactly("[1]", "nope", "[2");
    assertThat(DocumentSequence.json("j", bytes(" \n "), LIMITS)).isEmpty();
  }

  @Test
  void cborSequences() {
    SenmlCodec cbor = SenmlCodec.cbor();
    byte[] one = cbor.encode(SenmlCodec.json().decode(bytes("[{\"n\":\"a\",\"v\":1.5}]")));
    byte[] two = cbor.encode(SenmlCodec.json().decode(bytes("[{\"n\":\"b\",\"vs\":\"x\",\"t\":-1}]")));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(one);
    all.writeBytes(two);
    // an indefinite-length array holding an indefinite-length text string, a tag and a float
    byte[] indefinite = {(byte) 0x9f, 0x7f, 0x61, 'a', (byte) 0xff, (byte) 0xc1, 0x01,
        (byte) 0xfa, 0, 0, 0, 0, (byte) 0xff};
    all.writeBytes(indefinite);
    List<DocumentSequence.Part> parts = DocumentSequence.cbor("senml-cbor", all.toByteArray(), LIMITS);
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0).bytes()).isEqualTo(one);
    assertThat(parts.get(1).bytes()).isEqualTo(two);
    assertThat(parts.get(1).byteOffset()).isEqualTo(one.length);
    assertThat(parts.get(2).bytes()).isEqualTo(indefinite);
    SenmlPack back = cbor.decode(parts.get(1).bytes());
    assertThat(back.records().get(0).name()).isEqualTo("b");
    assertThatThrownBy(() -> DocumentSequence.cbor("senml-cbor", new byte[] {(byte) 0x82, 0x01}, LIMITS))
        .hasMessage("senml-cbor: byte 2: truncated CBOR data item");
    assertThatThrownBy(() -> DocumentSequence.cbor("senml-cbor", new byte[] {(byte) 0x1c}, LIMITS))
        .hasMessageContaining("not a well-formed CBOR data item");
    byte[] deep = new byte[40];
    java.util.Arrays.fill(deep, (byte) 0x81);
    assertThatThrownBy(() -> DocumentSequence.cbor("senml-cbor", deep, LIMITS))
        .hasMessageContaining("maxNestingDepth");
  }

  @Test
  void expositionsEndWithEofLines() {
    List<DocumentSequence.Part> parts = DocumentSequence.expositions("openmetrics",
        bytes("a 1\n# EOF\n# TYPE b gauge\nb 2\n# EOF\r\nc 3\n"), LIMITS);
    assertThat(texts(parts)).containsExactly("a 1\n# EOF\n", "# TYPE b gauge\nb 2\n# EOF\r\n", "c 3\n");
    assertThat(parts).extracting(DocumentSequence.Part::line).containsExactly(1, 3, 6);
    assertThat(texts(DocumentSequence.expositions("p", bytes(""), LIMITS))).containsExactly("");
    assertThat(texts(DocumentSequence.expositions("p", bytes("x 1\n# EOF"), LIMITS)))
        .containsExactly("x 1\n# EOF");
    assertThat(texts(DocumentSequence.expositions("p", bytes("# EOF x\n"), LIMITS)))
        .containsExactly("# EOF x\n");
  }

  @Test
  void limitsApply() {
    PayloadLimits small = new PayloadLimits(8, 2, 4, 8, 8);
    assertThatThrownBy(() -> DocumentSequence.json("j", bytes("[1] [2] [3] [4]"), small))
        .hasMessageContaining("input is larger than 8 bytes");
    assertThatThrownBy(() -> DocumentSequence.json("j", bytes("[1][2][3]"),
            new PayloadLimits(64, 2, 4, 8, 8)))
        .hasMessage("j: byte 6: more than 2 documents (maxRecords)");
    assertThat(PayloadLimits.DEFAULTS.withMaxInputBytes(64L << 20).maxInputBytes())
        .isEqualTo(64L << 20);
    assertThat(PayloadLimits.DEFAULTS.withMaxInputBytes(5).maxRecords())
        .isEqualTo(PayloadLimits.DEFAULTS.maxRecords());
    assertThatThrownBy(() -> PayloadLimits.DEFAULTS.withMaxInputBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
