package dev.sluice.payloads.opcua;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.opcua.internal.NodeIdText;
import java.util.Objects;
import java.util.UUID;

/**
 * An OPC UA NodeId (Part 3): a namespace index and an identifier of one of four {@link IdType}s.
 *
 * <p>The string form (Part 6) is {@code [ns=<index>;]<type>=<value>}: {@code i=85}, {@code
 * ns=2;s=Line1/Press3/Temperature}, {@code ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a}, {@code
 * ns=1;b=M/RbKBsRVkePCePcx24oRA==}. {@link #toString()} writes it, omitting {@code ns=0;}, and
 * {@link #parse(String)} reads it back exactly.
 *
 * <p>The identifier is a {@link Long} in 0..4294967295 for {@link IdType#NUMERIC}, a {@link
 * String} for {@link IdType#STRING}, a {@link UUID} for {@link IdType#GUID} and a {@link
 * ByteString} for {@link IdType#OPAQUE}.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> {@link #parse} and {@link
 * #toString} allocate the result. <b>Failure:</b> the constructor throws {@link
 * IllegalArgumentException} for an out-of-range namespace index or numeric identifier or an
 * identifier of the wrong Java type; {@link #parse} throws {@link PayloadFormatException} with
 * format {@code opcua-nodeid} and location {@code column C}.
 *
 * @param namespaceIndex the namespace index, 0..65535 (UInt16)
 * @param idType the identifier type
 * @param identifier the identifier, of the Java type given above
 */
public record NodeId(int namespaceIndex, IdType idType, Object identifier) {

  /** The null NodeId, {@code i=0}. */
  public static final NodeId NULL = numeric(0, 0);

  /** Largest namespace index (UInt16). */
  public static final int MAX_NAMESPACE_INDEX = 0xFFFF;

  /** Largest numeric identifier (UInt32). */
  public static final long MAX_NUMERIC_ID = 0xFFFF_FFFFL;

  /** Validates the fields. */
  public NodeId {
    if (namespaceIndex < 0 || namespaceIndex > MAX_NAMESPACE_INDEX) {
      throw new IllegalArgumentException(
          "namespace index must be 0..65535 (UInt16), was " + namespaceIndex);
    }
    Objects.requireNonNull(idType, "idType");
    Objects.requireNonNull(identifier, "identifier");
    switch (idType) {
      case NUMERIC -> {
        if (!(identifier instanceof Long l) || l < 0 || l > MAX_NUMERIC_ID) {
          throw new IllegalArgumentException(
              "numeric identifier must be a Long in 0..4294967295 (UInt32), was " + identifier);
        }
      }
      case STRING -> requireType(identifier, String.class);
      case GUID -> requireType(identifier, UUID.class);
      case OPAQUE -> requireType(identifier, ByteString.class);
    }
  }

  private static void requireType(Object identifier, Class<?> type) {
    if (!type.isInstance(identifier)) {
      throw new IllegalArgumentException(
          "identifier must be a " + type.getSimpleName() + ", was " + identifier.getClass());
    }
  }

  /** A numeric NodeId; {@code id} must be in 0..4294967295. */
  public static NodeId numeric(int namespaceIndex, long id) {
    return new NodeId(namespaceIndex, IdType.NUMERIC, id);
  }

  /** A string NodeId. */
  public static NodeId string(int namespaceIndex, String id) {
    return new NodeId(namespaceIndex, IdType.STRING, id);
  }

  /** A Guid NodeId. */
  public static NodeId guid(int namespaceIndex, UUID id) {
    return new NodeId(namespaceIndex, IdType.GUID, id);
  }

  /** An opaque (ByteString) NodeId. */
  public static NodeId opaque(int namespaceIndex, ByteString id) {
    return new NodeId(namespaceIndex, IdType.OPAQUE, id);
  }

  /**
   * Parses the string form. The {@code ns=0;} prefix is accepted; the ExpandedNodeId prefixes
   * {@code nsu=} and {@code svr=} are rejected (use {@link ExpandedNodeId#parse(String)}).
   *
   * @throws PayloadFormatException with format {@code opcua-nodeid} and location {@code column C}
   *     (1-based) if the text is not a NodeId
   */
  public static NodeId parse(String text) {
    return NodeIdText.parseNodeId(text);
  }

  /** True for {@link #NULL} and any NodeId in namespace 0 with identifier 0 or empty. */
  public boolean isNull() {
    if (namespaceIndex != 0) {
      return false;
    }
    return switch (idType) {
      case NUMERIC -> (Long) identifier == 0L;
      case STRING -> ((String) identifier).isEmpty();
      case GUID -> identifier.equals(new UUID(0, 0));
      case OPAQUE -> ((ByteString) identifier).length() == 0;
    };
  }

  /** The string form, for example {@code ns=2;s=Line1/Press3/Temperature}. */
  @Override
  public String toString() {
    return NodeIdText.format(this);
  }
}
