package dev.sluice.payloads.opcua;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.util.function.Function;

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
    readsBack(json, READER::readDataValue, OpcUaJsonWriter.verbose()::writeDataValue);
    readsBack(json, READER::readDataValueArray, OpcUaJsonWriter.verbose()::writeDataValueArray);
    readsBack(json, READER::readVariant, OpcUaJsonWriter.verbose()::writeVariant);
    readsBack(json, READER::readDiagnosticInfo, OpcUaJsonWriter.verbose()::writeDiagnosticInfo);
  }

  /** Reads {@code json}; if accepted, writes the value and checks that it reads back equal. */
  private static <T> void readsBack(
      byte[] json, Function<byte[], T> read, Function<T, byte[]> write) {
    T value;
    try {
      value = read.apply(json);
    } catch (PayloadFormatException expected) {
      return; // rejected with a location: fine
    }
    T again = read.apply(write.apply(value));
    if (!again.equals(value)) {
      throw new AssertionError("does not round trip: " + value + " became " + again);
    }
  }
}
