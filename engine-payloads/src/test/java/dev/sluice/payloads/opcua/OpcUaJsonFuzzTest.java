package dev.sluice.payloads.opcua;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;

/**
 * Fuzzes every OPC UA JSON reader entry point (DataValue, DataValue array, Variant,
 * DiagnosticInfo) with the same bytes: each either returns or throws {@link
 * PayloadFormatException}, and whatever is accepted must be written (verbose) and read back
 * equal. Any other exception fails the test. In regression mode ({@code JAZZER_FUZZ} unset) it runs
 * the seeds and any saved inputs; with {@code JAZZER_FUZZ=1} it fuzzes for up to 20 seconds.
 */
class OpcUaJsonFuzzTest {

  private static final OpcUaJsonReader READER =
      OpcUaJsonReader.create(new PayloadLimits(64 * 1024, 10_000, 16, 4096, 256));

  @FuzzTest(maxDuration = "20s")
  void readersReturnOrReject(byte[] json) {
    try {
      DataValue dv = READER.readDataValue(json);
      if (!READER.readDataValue(OpcUaJsonWriter.verbose().writeDataValue(dv)).equals(dv)) {
        throw new AssertionError("DataValue does not round trip");
      }
    } catch (PayloadFormatException expected) {
      // rejected with a location: fine
    }
    try {
      READER.readDataValueArray(json);
    } catch (PayloadFormatException expected) {
      // rejected with a location: fine
    }
    try {
      Variant v = READER.readVariant(json);
      if (!READER.readVariant(OpcUaJsonWriter.verbose().writeVariant(v)).equals(v)) {
        throw new AssertionError("Variant does not round trip");
      }
    } catch (PayloadFormatException expected) {
      // rejected with a location: fine
    }
    try {
      DiagnosticInfo d = READER.readDiagnosticInfo(json);
      if (!READER.readDiagnosticInfo(OpcUaJsonWriter.verbose().writeDiagnosticInfo(d)).equals(d)) {
        throw new AssertionError("DiagnosticInfo does not round trip");
      }
    } catch (PayloadFormatException expected) {
      // rejected with a location: fine
    }
  }
}
