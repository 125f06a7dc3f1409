package dev.sluice.payloads.opcua;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.opcua.internal.NodeIdText;
import java.util.Objects;

/**
 * An OPC UA ExpandedNodeId (Part 4): a {@link NodeId} that may name its namespace by URI instead
 * of index, and may live on another server (server index).
 *
 * <p>String form: {@code [svr=<serverIndex>;][nsu=<uri>;|ns=<index>;]<type>=<value>}, for example
 * {@code svr=1;nsu=http://acme.com/plant;s=Line1/Press3/Temperature}. In the URI, {@code %} and
 * {@code ;} are written as {@code %25} and {@code %3B}; on reading, any {@code %HH} escape is
 * decoded as UTF-8.
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> {@link #parse} and {@link
 * #toString} allocate. <b>Failure:</b> the constructor throws {@link IllegalArgumentException} for
 * a server index outside UInt32 or a URI combined with a non-zero namespace index; {@link #parse}
 * throws {@link PayloadFormatException} with format {@code opcua-nodeid} and location {@code
 * column C}.
 *
 * @param nodeId the node; its namespace index must be 0 when {@code namespaceUri} is set
 * @param namespaceUri the namespace URI, or null to use the node's namespace index
 * @param serverIndex the server index, 0..4294967295 (UInt32); 0 is the local server
 */
public record ExpandedNodeId(NodeId nodeId, String namespaceUri, long serverIndex) {

  /** Validates the fields. */
  public ExpandedNodeId {
    Objects.requireNonNull(nodeId, "nodeId");
    if (serverIndex < 0 || serverIndex > NodeId.MAX_NUMERIC_ID) {
      throw new IllegalArgumentException(
          "server index must be 0..4294967295 (UInt32), was " + serverIndex);
    }
    if (namespaceUri != null && nodeId.namespaceIndex() != 0) {
      throw new IllegalArgumentException(
          "an ExpandedNodeId with a namespace URI must have namespace index 0, was "
              + nodeId.namespaceIndex());
    }
  }

  /** A local ExpandedNodeId wrapping {@code nodeId}. */
  public static ExpandedNodeId of(NodeId nodeId) {
    return new ExpandedNodeId(nodeId, null, 0);
  }

  /**
   * Parses the string form; a plain NodeId string is accepted too.
   *
   * @throws PayloadFormatException with format {@code opcua-nodeid} and location {@code column C}
   */
  public static ExpandedNodeId parse(String text) {
    return NodeIdText.parseExpanded(text);
  }

  /** True if this names a node on the local server by namespace index only. */
  public boolean isLocal() {
    return namespaceUri == null && serverIndex == 0;
  }

  /** The string form. */
  @Override
  public String toString() {
    return NodeIdText.format(this);
  }
}
