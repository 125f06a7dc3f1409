package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 8428 examples in the test resources (conformance/senml-rfc8428), driven by manifest.json. */
class Rfc8428ConformanceTest {

  /** "now" the senmlCat tool used when it generated the *resolved.json files of ex1/2/9. */
  private static final double GENERATION_NOW_1 = 1.498780179e9;

  /** "now" of ex7.gen.resolved.json. */
  private static final double GENERATION_NOW_7 = 1.499109309e9;

  private final SenmlCodec json = SenmlCodec.json();
  private final SenmlCodec cbor = SenmlCodec.cbor();

  static Stream<Rfc8428TestData.Case> cases() {
    return Rfc8428TestData.cases().stream();
  }

  static Stream<Rfc8428TestData.Case> resolvedCases() {
    return cases().filter(c -> c.resolved() != null);
  }

  @Test
  void manifestListsAllThirteenExamples() {
    assertThat(Rfc8428TestData.cases())
        .extracting(Rfc8428TestData.Case::id)
        .containsExactly(
            "ex1", "ex2", "ex3", "ex4", "ex5", "ex6", "ex7", "ex8", "ex9", "ex10", "ex11", "ex12",
            "ex13");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sourceAndCanonicalDecodeToTheSameMeasurements(Rfc8428TestData.Case c) {
    SenmlPack source = json.decode(Rfc8428TestData.bytes(c.source()));
    SenmlPack canonical = json.decode(Rfc8428TestData.bytes(c.canonical()));

    assertThat(source.size()).isEqualTo(canonical.size()).isPositive();
    // The hand-written sources spell some times as "t":0 where the canonical form omits t, so
    // compare what they mean: the resolved records.
    assertThat(SenmlResolver.resolveInPackOrder(source, 1.7e9))
        .isEqualTo(SenmlResolver.resolveInPackOrder(canonical, 1.7e9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jsonToCborToJsonRoundTripKeepsTheModel(Rfc8428TestData.Case c) {
    for (String file : List.of(c.source(), c.canonical())) {
      SenmlPack original = json.decode(Rfc8428TestData.bytes(file));

      SenmlPack viaCbor = cbor.decode(cbor.encode(original));
      SenmlPack back = json.decode(json.encode(viaCbor));

      assertThat(viaCbor).as(file).isEqualTo(original);
      assertThat(back).as(file).isEqualTo(original);
    }
  }

  @Test
  void ex5ResolvesExactlyToTheNormativeResolvedForm() {
    SenmlPack pack = json.decode(Rfc8428TestData.bytes("examples/ex5.gen.json"));
    List<ResolvedRecord> expected = expectedResolved("examples/ex5.gen.resolved.json", 10);

    List<ResolvedRecord> resolved = SenmlResolver.resolve(pack, 1.7e9);

    assertThat(expected).hasSize(13);
    assertThat(resolved).containsExactlyElementsOf(expected);
    assertThat(resolved.get(9))
        .isEqualTo(
            new ResolvedRecord(
                "urn:dev:ow:10e2073a01080063", "%EL", 98.0, null, null, null, null,
                1.320067614e9, null, 10, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolvedCases")
  void resolvesToTheResolvedExample(Rfc8428TestData.Case c) {
    SenmlPack pack = json.decode(Rfc8428TestData.bytes(c.canonical()));
    double now = c.id().equals("ex7") ? GENERATION_NOW_7 : GENERATION_NOW_1;
    // ex3 declares bver 5; the tool stripped bver from its resolved file, RFC 8428 §4.6 keeps it.
    int version = c.id().equals("ex3") ? 5 : 10;
    List<ResolvedRecord> expected = expectedResolved(c.resolved(), version);

    List<ResolvedRecord> resolved = SenmlResolver.resolveInPackOrder(pack, now);

    if (c.id().equals("ex7")) {
      // The tool dropped the vd record from ex7.gen.resolved.json; a resolver keeps it.
      assertThat(resolved).hasSize(4);
      assertThat(resolved.subList(0, 3)).containsExactlyElementsOf(expected);
      assertThat(resolved.get(3).name()).isEqualTo("urn:dev:ow:10e2073a01080063:nfv-reader");
      assertThat(resolved.get(3).dataValue()).isEqualTo("hi \n".getBytes(StandardCharsets.UTF_8));
      assertThat(resolved.get(3).timeSeconds()).isEqualTo(now);
    } else {
      assertThat(resolved).containsExactlyElementsOf(expected);
    }
    assertThat(SenmlResolver.resolve(pack, now)).containsExactlyInAnyOrderElementsOf(resolved);
  }

  @Test
  void ex3ResolvesInChronologicalOrderWhenAsked() {
    SenmlPack pack = json.decode(Rfc8428TestData.bytes("examples/ex3.gen.json"));

    List<ResolvedRecord> resolved = SenmlResolver.resolve(pack, 0);

    assertThat(resolved)
        .extracting(ResolvedRecord::timeSeconds)
        .isSorted()
        .containsExactly(
            1.276020071001e9, 1.276020072001e9, 1.276020073001e9, 1.276020074001e9,
            1.276020075001e9, 1.276020076001e9, 1.276020076001e9);
    // stable: the voltage record (pack position 0) stays ahead of the current at the same time
    assertThat(resolved.get(5).name()).endsWith(":voltage");
    assertThat(resolved).allSatisfy(r -> assertThat(r.version()).isEqualTo(5));
  }

  @Test
  void cborExamplesDecodeToTheSameRecordsAsTheirJsonSources() {
    for (String id : List.of("ex3", "ex5")) {
      SenmlPack fromCbor = cbor.decode(Rfc8428TestData.bytes("examples/" + id + ".gen.cbor"));
      SenmlPack fromJson = json.decode(Rfc8428TestData.bytes("examples/" + id + ".json"));

      assertThat(fromCbor).as(id).isEqualTo(fromJson);
    }
  }

  @Test
  void ex3CborHexDumpMatchesTheBinaryAndRfcDiagnosticValues() {
    String dump = new String(Rfc8428TestData.bytes("examples/ex3.gen.cbor.hex"), StandardCharsets.UTF_8);
    StringBuilder hex = new StringBuilder();
    for (String line : dump.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      for (int i = 1; i < parts.length && parts[i].matches("[0-9a-f]{2}"); i++) {
        hex.append(parts[i]);
      }
    }
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(bytes).isEqualTo(Rfc8428TestData.bytes("examples/ex3.gen.cbor"));

    SenmlPack pack = cbor.decode(bytes);
    SenmlRecord first = pack.records().get(0);
    assertThat(first.baseName()).isEqualTo("urn:dev:ow:10e2073a0108006:");
    assertThat(first.baseTime()).isEqualTo(1276020076.001);
    assertThat(first.baseUnit()).isEqualTo("A");
    assertThat(first.baseVersion()).isEqualTo(5);
    assertThat(first.value()).isEqualTo(120.1);
    assertThat(pack.records().get(4).value()).isEqualTo(1.5); // encoded as a half float
    assertThat(pack.records().get(6).time()).isEqualTo(0.0);
  }

  @Test
  void truncatedExampleFromTheRfcPageIsASyntaxErrorWithLineAndColumn() {
    byte[] trimmed = Rfc8428TestData.bytes("examples/ex4.gen.json-trim");

    assertThatThrownBy(() -> json.decode(trimmed))
        .isInstanceOfSatisfying(
            PayloadFormatException.class,
            e -> {
              assertThat(e.format()).isEqualTo("senml-json");
              assertThat(e.location()).matches("line \\d+, column \\d+");
              assertThat(e.reason()).containsIgnoringCase("end-of-input");
            });
  }

  /** Builds the resolved records a *.resolved.json file lists (its records use n u t v vs vb). */
  private List<ResolvedRecord> expectedResolved(String file, int version) {
    SenmlPack pack = json.decode(Rfc8428TestData.bytes(file));
    return pack.records().stream()
        .map(
            r -> {
              assertThat(r.hasBaseFields()).as("resolved records have no base fields").isFalse();
              return new ResolvedRecord(
                  r.name(), r.unit(), r.value(), r.stringValue(), r.booleanValue(), r.dataValue(),
                  r.sum(), r.time(), r.updateTime(), version, r.extensions());
            })
        .toList();
  }
}
