package dev.sluice.payloads.opcua;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;

/**
 * Fuzzes the NodeId parser and the DataValue JSON reader: for any input they either return or
 * throw {@link PayloadFormatException}. Any other exception fails the test. In regression mode
 * (the default, {@code JAZZER_FUZZ} unset) it runs the seeds and any saved inputs; with {@code
 * JAZZER_FUZZ=1} it fuzzes for up to 20 seconds.
 */
class OpcUaFuzzTest {

  private static final OpcUaJsonReader READER =
      OpcUaJsonReader.create(new PayloadLimits(64 * 1024, 10_000, 16, 4096, 256));

  @FuzzTest(maxDuration = "20s")
  void nodeIdParserReturnsOrRejects(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      NodeId id = NodeId.parse(text);
      if (!NodeId.parse(id.toString()).equals(id)) {
        throw new AssertionError("NodeId does not round trip: " + text);
      }
    } catch (PayloadFormatException expected) {
      // rejected with a location: fine
    }
    try {
      ExpandedNodeId id = ExpandedNodeId.parse(text);
      if (!ExpandedNodeId.parse(id.toString()).equals(id)) {
        throw new AssertionError("ExpandedNodeId does not round trip: " + text);
      }
    } catch (PayloadFormatException expected) {
      // rejected with a location: fine
    }
  }

  @FuzzTest(maxDuration = "20s")
  void dataValueReaderReturnsOrRejects(byte[] json) {
    try {
      DataValue dv = READER.readDataValue(json);
      // whatever was accepted must be writable and read back the same
      DataValue again = READER.readDataValue(OpcUaJsonWriter.verbose().writeDataValue(dv));
      if (!again.equals(dv)) {
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
  }
}
