package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;

/**
 * Fuzzes the SenML JSON decoder: any input either decodes to a pack that survives a JSON and a
 * CBOR round trip unchanged, or is rejected with {@link PayloadFormatException}; any other
 * exception, or an input that runs past Jazzer's per-input timeout, is a finding. In a plain
 * {@code mvn verify} the module's surefire configuration sets {@code JAZZER_FUZZ=1}, so this
 * fuzzes for {@code maxDuration}; without it, Jazzer replays the seeds in
 * {@code src/test/resources/.../SenmlJsonFuzzTestInputs} (regression mode).
 */
class SenmlJsonFuzzTest {

  /** Small limits, so the fuzzer reaches them quickly. */
  static final PayloadLimits LIMITS = new PayloadLimits(4096, 64, 8, 256, 64);

  private static final SenmlCodec JSON = SenmlCodec.json(LIMITS);
  private static final SenmlCodec CBOR = SenmlCodec.cbor(LIMITS);

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "\"bn\"", "\"bt\"", "\"bu\"", "\"bv\"", "\"bs\"", "\"bver\"", "\"n\"", "\"u\"", "\"v\"",
    "\"vs\"", "\"vb\"", "\"vd\"", "\"s\"", "\"t\"", "\"ut\"", "\"x_\"", "true", "1e400", "-0.0"
  })
  void decodesOrRejects(byte[] input) {
    SenmlPack pack;
    try {
      pack = JSON.decode(input);
    } catch (PayloadFormatException e) {
      assertThat(e.format()).isEqualTo("senml-json");
      assertThat(e.location()).isNotBlank();
      return;
    }
    check(pack);
  }

  /** A decoded pack is valid, so it encodes, and decodes back to itself in both formats. */
  static void check(SenmlPack pack) {
    assertThat(pack.size()).isBetween(1, LIMITS.maxRecords());
    SenmlCodec wide = SenmlCodec.json();
    assertThat(wide.decode(wide.encode(pack))).isEqualTo(pack);
    SenmlCodec wideCbor = SenmlCodec.cbor();
    assertThat(wideCbor.decode(wideCbor.encode(pack))).isEqualTo(pack);
  }

  static SenmlCodec cbor() {
    return CBOR;
  }
}
