package dev.sluice.payloads.opcua;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;

/**
 * Fuzzes the NodeId and ExpandedNodeId string parsers: for any input they either return a value
 * that round-trips through its string form or throw {@link PayloadFormatException}. Any other
 * exception fails the test. In regression mode ({@code JAZZER_FUZZ} unset) it runs the seeds and
 * any saved inputs; with {@code JAZZER_FUZZ=1} it fuzzes for up to 20 seconds. Jazzer fuzzes only
 * the first {@code @FuzzTest} of a JVM, so each fuzz test class holds one.
 */
class NodeIdFuzzTest {

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
}
