package dev.sluice.payloads.opcua.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.opcua.ByteString;
import dev.sluice.payloads.opcua.ExpandedNodeId;
import dev.sluice.payloads.opcua.NodeId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Parser and formatter for the NodeId and ExpandedNodeId string forms. */
public final class NodeIdText {

  /** The format name in errors. */
  public static final String FORMAT = "opcua-nodeid";

  private NodeIdText() {}

  /** Parses a NodeId string. */
  public static NodeId parseNodeId(String text) {
    if (text == null) {
      throw error(0, "NodeId text is null");
    }
    if (text.startsWith("nsu=")) {
      throw error(
          0, "'nsu=' (namespace URI) is only allowed in an ExpandedNodeId; a NodeId needs 'ns='");
    }
    if (text.startsWith("svr=")) {
      throw error(0, "'svr=' (server index) is only allowed in an ExpandedNodeId");
    }
    int pos = 0;
    int ns = 0;
    if (text.startsWith("ns=")) {
      int semi = text.indexOf(';', 3);
      if (semi < 0) {
        throw error(text.length(), "expected ';' after the namespace index");
      }
      ns = (int) parseUnsigned(text, 3, semi, NodeId.MAX_NAMESPACE_INDEX, "namespace index", "UInt16");
      pos = semi + 1;
    }
    return parseIdentifier(text, pos, ns);
  }

  /** Parses an ExpandedNodeId string. */
  public static ExpandedNodeId parseExpanded(String text) {
    if (text == null) {
      throw error(0, "ExpandedNodeId text is null");
    }
    int pos = 0;
    long server = 0;
    if (text.startsWith("svr=")) {
      int semi = text.indexOf(';', 4);
      if (semi < 0) {
        throw error(text.length(), "expected ';' after the server index");
      }
      server = parseUnsigned(text, 4, semi, NodeId.MAX_NUMERIC_ID, "server index", "UInt32");
      pos = semi + 1;
    }
    if (text.startsWith("nsu=", pos)) {
      int semi = text.indexOf(';', pos + 4);
      if (semi < 0) {
        throw error(text.length(), "expected ';' after the namespace URI");
      }
      String uri = percentDecode(text, pos + 4, semi);
      NodeId id = parseIdentifier(text, semi + 1, 0);
      return new ExpandedNodeId(id, uri, server);
    }
    int ns = 0;
    if (text.startsWith("ns=", pos)) {
      int semi = text.indexOf(';', pos + 3);
      if (semi < 0) {
        throw error(text.length(), "expected ';' after the namespace index");
      }
      ns =
          (int)
              parseUnsigned(
                  text, pos + 3, semi, NodeId.MAX_NAMESPACE_INDEX, "namespace index", "UInt16");
      pos = semi + 1;
    }
    return new ExpandedNodeId(parseIdentifier(text, pos, ns), null, server);
  }

  private static NodeId parseIdentifier(String text, int pos, int ns) {
    if (pos >= text.length()) {
      throw error(pos, "expected an identifier 'i=', 's=', 'g=' or 'b=' but the text ended");
    }
    char type = text.charAt(pos);
    if (pos + 1 >= text.length() || text.charAt(pos + 1) != '=') {
      throw error(
          pos,
          "expected an identifier 'i=', 's=', 'g=' or 'b=' but found '"
              + abbreviate(text, pos)
              + "'");
    }
    int start = pos + 2;
    switch (type) {
      case 'i':
        return NodeId.numeric(
            ns, parseUnsigned(text, start, text.length(), NodeId.MAX_NUMERIC_ID, "numeric identifier", "UInt32"));
      case 's':
        return NodeId.string(ns, text.substring(start));
      case 'g':
        {
          int bad = GuidText.firstError(text, start, text.length());
          if (bad >= 0) {
            throw error(
                bad,
                bad >= text.length()
                    ? "Guid identifier is too short; expected 8-4-4-4-12 hex digits"
                    : "invalid character '"
                        + text.charAt(bad)
                        + "' in Guid identifier; expected 8-4-4-4-12 hex digits");
          }
          UUID uuid = GuidText.parseChecked(text, start);
          return NodeId.guid(ns, uuid);
        }
      case 'b':
        {
          int bad = firstNonBase64(text, start);
          if (bad >= 0) {
            throw error(bad, "invalid character '" + text.charAt(bad) + "' in Base64 identifier");
          }
          try {
            return NodeId.opaque(ns, ByteString.fromBase64(text.substring(start)));
          } catch (IllegalArgumentException e) {
            throw error(start, "opaque identifier is not valid Base64: " + e.getMessage());
          }
        }
      default:
        throw error(
            pos,
            "unknown identifier type '" + type + "'; expected 'i=', 's=', 'g=' or 'b='");
    }
  }

  private static int firstNonBase64(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!ok) {
        return i;
      }
    }
    return -1;
  }

  private static long parseUnsigned(
      String s, int from, int to, long max, String what, String typeName) {
    if (from >= to) {
      throw error(from, what + " is empty");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw error(i, "invalid character '" + c + "' in " + what + "; expected decimal digits");
      }
      v = v * 10 + (c - '0');
      if (v > max) {
        throw error(
            from,
            what
                + " "
                + abbreviate(s.substring(from, to), 0)
                + " exceeds the "
                + typeName
                + " maximum "
                + max);
      }
    }
    return v;
  }

  private static String percentDecode(String s, int from, int to) {
    if (s.indexOf('%', from) < 0 || s.indexOf('%', from) >= to) {
      return s.substring(from, to);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int h = i + 2 < to ? Character.digit(s.charAt(i + 1), 16) : -1;
        int l = i + 2 < to ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (h < 0 || l < 0) {
          throw error(i, "invalid percent escape in namespace URI; expected %HH");
        }
        out.write(h * 16 + l);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < to) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s, int from) {
    String rest = s.substring(from);
    return rest.length() > 20 ? rest.substring(0, 20) + "..." : rest;
  }

  private static PayloadFormatException error(int offset, String reason) {
    return new PayloadFormatException(FORMAT, "column " + (offset + 1), reason);
  }

  /** Formats a NodeId. */
  public static String format(NodeId id) {
    StringBuilder sb = new StringBuilder(24);
    if (id.namespaceIndex() != 0) {
      sb.append("ns=").append(id.namespaceIndex()).append(';');
    }
    appendIdentifier(sb, id);
    return sb.toString();
  }

  /** Formats an ExpandedNodeId. */
  public static String format(ExpandedNodeId id) {
    StringBuilder sb = new StringBuilder(40);
    if (id.serverIndex() != 0) {
      sb.append("svr=").append(id.serverIndex()).append(';');
    }
    if (id.namespaceUri() != null) {
      sb.append("nsu=");
      String uri = id.namespaceUri();
      for (int i = 0; i < uri.length(); i++) {
        char c = uri.charAt(i);
        if (c == '%') {
          sb.append("%25");
        } else if (c == ';') {
          sb.append("%3B");
        } else {
          sb.append(c);
        }
      }
      sb.append(';');
    } else if (id.nodeId().namespaceIndex() != 0) {
      sb.append("ns=").append(id.nodeId().namespaceIndex()).append(';');
    }
    appendIdentifier(sb, id.nodeId());
    return sb.toString();
  }

  private static void appendIdentifier(StringBuilder sb, NodeId id) {
    sb.append(id.idType().prefix()).append('=');
    switch (id.idType()) {
      case NUMERIC, STRING, GUID -> sb.append(id.identifier());
      case OPAQUE -> sb.append(((ByteString) id.identifier()).toBase64());
    }
  }
}
