package dev.sluice.payloads.opcua;

/**
 * The OPC UA 1.05 JSON encodings (Part 6 §5.4) that {@link OpcUaJsonWriter} produces.
 *
 * <p><b>Threading:</b> an enum, thread-safe. <b>Allocation:</b> none. <b>Failure:</b> none.
 */
public enum OpcUaJsonEncoding {
  /**
   * CompactEncoding: fields with default values (Good status, missing timestamps, zero
   * picoseconds, a zero StatusCode's Code) are omitted, and StatusCodes carry no Symbol.
   */
  COMPACT,
  /**
   * VerboseEncoding: every field is written, missing ones as JSON {@code null}, and StatusCodes
   * carry their Symbol when it is known.
   */
  VERBOSE
}
