package dev.sluice.payloads.senml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;

/**
 * Fuzzes the SenML CBOR decoder with the same oracle as {@link SenmlJsonFuzzTest}: decode and
 * round-trip, or {@link PayloadFormatException}, nothing else and no hang. Seeds (regression
 * mode) are in {@code src/test/resources/.../SenmlCborFuzzTestInputs}.
 */
class SenmlCborFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void decodesOrRejects(byte[] input) {
    SenmlPack pack;
    try {
      pack = SenmlJsonFuzzTest.cbor().decode(input);
    } catch (PayloadFormatException e) {
      assertThat(e.format()).isEqualTo("senml-cbor");
      assertThat(e.location()).isNotBlank();
      return;
    }
    SenmlJsonFuzzTest.check(pack);
  }
}
