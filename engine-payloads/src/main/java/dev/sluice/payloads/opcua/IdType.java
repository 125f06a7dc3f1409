package dev.sluice.payloads.opcua;

/**
 * The IdentifierType of a {@link NodeId} (OPC UA Part 3), with its string prefix and its JSON
 * {@code IdType} number.
 *
 * <p><b>Threading:</b> an enum, thread-safe. <b>Allocation:</b> none. <b>Failure:</b> none.
 */
public enum IdType {
  /** A UInt32 identifier, string form {@code i=}, JSON IdType 0. */
  NUMERIC('i', 0),
  /** A String identifier, string form {@code s=}, JSON IdType 1. */
  STRING('s', 1),
  /** A Guid identifier, string form {@code g=}, JSON IdType 2. */
  GUID('g', 2),
  /** An opaque ByteString identifier, string form {@code b=}, JSON IdType 3. */
  OPAQUE('b', 3);

  private final char prefix;
  private final int jsonId;

  IdType(char prefix, int jsonId) {
    this.prefix = prefix;
    this.jsonId = jsonId;
  }

  /** The letter before {@code =} in the string form, for example {@code 'i'}. */
  public char prefix() {
    return prefix;
  }

  /** The number used in the {@code IdType} field of the 1.04 JSON object form. */
  public int jsonId() {
    return jsonId;
  }
}
