package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.ByteString;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.ExpandedNodeId;
import dev.sluice.payloads.opcua.IdType;
import dev.sluice.payloads.opcua.LocalizedText;
import dev.sluice.payloads.opcua.NodeId;
import dev.sluice.payloads.opcua.QualifiedName;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.XmlElement;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;

/**
 * Reads the values of the built-in types 1..21 at the cursor, in the 1.05 forms and the 1.04
 * reversible forms (NodeId, ExpandedNodeId and QualifiedName objects, LocalizedText strings,
 * StatusCode numbers). Leaves the parser on the value's last token. Not thread-safe; one per run.
 */
final class ScalarReader {

  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

  private final JsonCursor c;

  ScalarReader(JsonCursor c) {
    this.c = c;
  }

  private JsonParser p() {
    return c.parser();
  }

  Object decodeScalar(BuiltinType t) throws IOException {
    return switch (t) {
      case BOOLEAN -> {
        JsonToken tok = p().currentToken();
        if (tok == JsonToken.VALUE_TRUE) {
          yield Boolean.TRUE;
        }
        if (tok == JsonToken.VALUE_FALSE) {
          yield Boolean.FALSE;
        }
        throw c.expected("true or false for a Boolean");
      }
      case SBYTE -> (byte) c.integerInRange(Byte.MIN_VALUE, Byte.MAX_VALUE, "an SByte");
      case BYTE -> (int) c.integerInRange(0, 255, "a Byte");
      case INT16 -> (short) c.integerInRange(Short.MIN_VALUE, Short.MAX_VALUE, "an Int16");
      case UINT16 -> (int) c.integerInRange(0, 65535, "a UInt16");
      case INT32 -> (int) c.integerInRange(Integer.MIN_VALUE, Integer.MAX_VALUE, "an Int32");
      case UINT32 -> c.integerInRange(0, 0xFFFF_FFFFL, "a UInt32");
      case INT64 -> decodeInt64();
      case UINT64 -> decodeUInt64();
      case FLOAT -> decodeFloat();
      case DOUBLE -> decodeDouble();
      case STRING -> c.text("a String");
      case DATE_TIME -> decodeDateTime();
      case GUID -> {
        String s = c.text("a Guid string");
        int bad = GuidText.firstError(s, 0, s.length());
        if (bad >= 0) {
          throw c.error("'" + JsonCursor.abbreviate(s) + "' is not a Guid; expected 8-4-4-4-12 hex digits");
        }
        yield GuidText.parseChecked(s, 0);
      }
      case BYTE_STRING -> decodeByteString();
      case XML_ELEMENT -> new XmlElement(c.text("an XmlElement string"));
      case NODE_ID -> decodeNodeId();
      case EXPANDED_NODE_ID -> decodeExpandedNodeId();
      case STATUS_CODE -> decodeStatusCode();
      case QUALIFIED_NAME -> decodeQualifiedName();
      case LOCALIZED_TEXT -> decodeLocalizedText();
      default -> throw new IllegalStateException("not one of the built-in types 1..21: " + t);
    };
  }

  private long decodeInt64() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return c.integerInRange(Long.MIN_VALUE, Long.MAX_VALUE, "an Int64");
    }
    String s = c.text("an Int64 (a decimal string)");
    if (!isDecimal(s, true)) {
      throw c.error("'" + JsonCursor.abbreviate(s) + "' is not a decimal Int64");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw c.error("'" + JsonCursor.abbreviate(s) + "' is out of range for an Int64");
    }
  }

  private long decodeUInt64() throws IOException {
    String s;
    if (p().currentToken() == JsonToken.VALUE_NUMBER_INT) {
      s = p().getText();
    } else {
      s = c.text("a UInt64 (a decimal string)");
    }
    if (!isDecimal(s, false)) {
      throw c.error("'" + JsonCursor.abbreviate(s) + "' is not a decimal UInt64 (0..18446744073709551615)");
    }
    if (s.length() > 20 || new BigInteger(s).compareTo(UINT64_MAX) > 0) {
      throw c.error("'" + JsonCursor.abbreviate(s) + "' is out of range for a UInt64");
    }
    return Long.parseUnsignedLong(s);
  }

  private static boolean isDecimal(String s, boolean signed) {
    int i = signed && s.startsWith("-") ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private float decodeFloat() throws IOException {
    if (isNumber()) {
      float f = Float.parseFloat(p().getText());
      if (Float.isInfinite(f)) {
        throw c.error(p().getText() + " is out of range for a Float");
      }
      return f;
    }
    return (float) nonFinite("Float");
  }

  private double decodeDouble() throws IOException {
    if (isNumber()) {
      double d = p().getDoubleValue();
      if (Double.isInfinite(d)) {
        throw c.error(p().getText() + " is out of range for a Double");
      }
      return d;
    }
    return nonFinite("Double");
  }

  private boolean isNumber() {
    JsonToken tok = p().currentToken();
    return tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT;
  }

  /**
   * A Float or Double that is not a JSON number: the strings {@code NaN}, {@code Infinity} and
   * {@code -Infinity} (as a double; the cast to float keeps them).
   */
  private double nonFinite(String type) throws IOException {
    if (p().currentToken() != JsonToken.VALUE_STRING) {
      throw c.expected("a number for a " + type);
    }
    String s = p().getText();
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default ->
          throw c.error(
              "'"
                  + JsonCursor.abbreviate(s)
                  + "' is not a "
                  + type
                  + "; strings allowed are NaN, Infinity, -Infinity");
    };
  }

  Instant decodeDateTime() throws IOException {
    String s = c.text("a DateTime string (ISO 8601)");
    Instant t = DateTimes.parse(s);
    if (t == null) {
      throw c.error("'" + JsonCursor.abbreviate(s) + "' is not an ISO 8601 date-time such as 2024-05-01T12:00:00Z");
    }
    return t;
  }

  Instant decodeTimestamp() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    Instant t = decodeDateTime();
    return t.equals(DateTimes.MIN) ? null : t;
  }

  int decodePicoseconds() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NULL) {
      return 0;
    }
    long v = c.integerInRange(0, 65535, "picoseconds (a UInt16)");
    if (v > DataValue.MAX_PICOSECONDS) {
      throw c.error("picoseconds must be 0..9999 (10 ps intervals within a 100 ns tick), was " + v);
    }
    return (int) v;
  }

  private ByteString decodeByteString() throws IOException {
    String s = c.text("a ByteString (a Base64 string)");
    try {
      return ByteString.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      throw c.error("ByteString is not valid Base64: " + e.getMessage());
    }
  }

  StatusCode decodeStatusCodeOrNull() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NULL) {
      return StatusCode.GOOD;
    }
    return decodeStatusCode();
  }

  StatusCode decodeStatusCode() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return new StatusCode((int) c.integerInRange(0, 0xFFFF_FFFFL, "a StatusCode (UInt32)"));
    }
    if (p().currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("a StatusCode (an object {\"Code\":..,\"Symbol\":..} or a number)");
    }
    Long code = null;
    String symbol = null;
    JsonLocation symbolLocation = null;
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      String name = p().currentName();
      c.path().pushField(name);
      p().nextToken();
      switch (name) {
        case JsonFields.CODE -> {
          if (code != null) {
            throw c.error("duplicate field 'Code'");
          }
          code = c.integerInRange(0, 0xFFFF_FFFFL, "a StatusCode Code (UInt32)");
        }
        case JsonFields.SYMBOL -> {
          if (symbol != null) {
            throw c.error("duplicate field 'Symbol'");
          }
          symbol = p().currentToken() == JsonToken.VALUE_NULL ? null : c.text("a Symbol string");
          symbolLocation = p().currentTokenLocation();
        }
        default -> throw c.error("unknown StatusCode field '" + name + "'; expected Code or Symbol");
      }
      c.path().pop();
    }
    if (code != null) {
      StatusCode sc = new StatusCode((int) (long) code);
      if (symbol != null) {
        Integer named = StatusCodeNames.codeOf(symbol);
        if (named != null && named != (sc.code() & 0xFFFF0000)) {
          throw symbolError(
              symbolLocation,
              "Symbol '" + symbol + "' does not match Code " + String.format("0x%08X", sc.code()));
        }
      }
      return sc;
    }
    if (symbol != null) {
      Integer named = StatusCodeNames.codeOf(symbol);
      if (named == null) {
        throw symbolError(
            symbolLocation, "unknown StatusCode Symbol '" + JsonCursor.abbreviate(symbol) + "' and no Code given");
      }
      return new StatusCode(named);
    }
    return StatusCode.GOOD;
  }

  private PayloadFormatException symbolError(JsonLocation at, String reason) {
    c.path().pushField(JsonFields.SYMBOL);
    String loc = c.location(at);
    c.path().pop();
    return new PayloadFormatException(JsonCursor.FORMAT, loc, reason);
  }

  NodeId decodeNodeId() throws IOException {
    if (p().currentToken() == JsonToken.START_OBJECT) {
      ExpandedNodeId e = decodeNodeIdObject(false);
      return e.nodeId();
    }
    String s = c.text("a NodeId string such as ns=2;s=Name");
    try {
      return NodeIdText.parseNodeId(s);
    } catch (PayloadFormatException e) {
      throw c.error("invalid NodeId '" + JsonCursor.abbreviate(s) + "' at " + e.location() + ": " + e.reason());
    }
  }

  ExpandedNodeId decodeExpandedNodeId() throws IOException {
    if (p().currentToken() == JsonToken.START_OBJECT) {
      return decodeNodeIdObject(true);
    }
    String s = c.text("an ExpandedNodeId string such as nsu=http://x/;s=Name");
    try {
      return NodeIdText.parseExpanded(s);
    } catch (PayloadFormatException e) {
      throw c.error(
          "invalid ExpandedNodeId '" + JsonCursor.abbreviate(s) + "' at " + e.location() + ": " + e.reason());
    }
  }

  /** The 1.04 object form {"IdType":..,"Id":..,"Namespace":..,"ServerUri":..}. */
  ExpandedNodeId decodeNodeIdObject(boolean expanded) throws IOException {
    String what = expanded ? "ExpandedNodeId" : "NodeId";
    int idType = 0;
    boolean haveIdType = false;
    Object id = null;
    int ns = 0;
    String nsUri = null;
    long server = 0;
    JsonCursor.Members members =
        expanded
            ? c.members(
                what, JsonFields.ID_TYPE, JsonFields.ID, JsonFields.NAMESPACE, JsonFields.SERVER_URI)
            : c.members(what, JsonFields.ID_TYPE, JsonFields.ID, JsonFields.NAMESPACE);
    for (int m = members.next(); m >= 0; m = members.next()) {
      switch (m) {
        case 0 -> {
          idType = (int) c.integerInRange(0, 3, "an IdType (0 numeric, 1 string, 2 Guid, 3 opaque)");
          haveIdType = true;
        }
        case 1 -> {
          if (p().currentToken() == JsonToken.VALUE_NUMBER_INT) {
            id = c.integerInRange(0, NodeId.MAX_NUMERIC_ID, "a numeric identifier (UInt32)");
          } else {
            id = c.text("an identifier (a number or a string)");
          }
        }
        case 2 -> {
          if (p().currentToken() == JsonToken.VALUE_STRING && expanded) {
            nsUri = c.text("a namespace URI");
          } else if (p().currentToken() == JsonToken.VALUE_STRING) {
            throw c.error(
                "a NodeId Namespace must be an index (a number); a namespace URI cannot be"
                    + " resolved without the server's namespace table");
          } else {
            ns = (int) c.integerInRange(0, NodeId.MAX_NAMESPACE_INDEX, "a namespace index (UInt16)");
          }
        }
        default -> server = c.integerInRange(0, NodeId.MAX_NUMERIC_ID, "a server index (UInt32)");
      }
      c.path().pop();
    }
    if (id == null) {
      throw c.error(what + " object has no Id field");
    }
    IdType type = IdType.values()[idType];
    NodeId node;
    switch (type) {
      case NUMERIC -> {
        if (!(id instanceof Long l)) {
          throw c.error(
              what + " Id must be a number for IdType 0" + (haveIdType ? "" : " (the default)"));
        }
        node = NodeId.numeric(ns, l);
      }
      case STRING -> {
        if (!(id instanceof String s)) {
          throw c.error(what + " Id must be a string for IdType 1");
        }
        node = NodeId.string(ns, s);
      }
      case GUID -> {
        if (!(id instanceof String s) || GuidText.firstError(s, 0, s.length()) >= 0) {
          throw c.error(what + " Id must be a Guid string (8-4-4-4-12 hex digits) for IdType 2");
        }
        node = NodeId.guid(ns, GuidText.parseChecked(s, 0));
      }
      default -> {
        if (!(id instanceof String s)) {
          throw c.error(what + " Id must be a Base64 string for IdType 3");
        }
        try {
          node = NodeId.opaque(ns, ByteString.of(Base64.getDecoder().decode(s)));
        } catch (IllegalArgumentException e) {
          throw c.error(what + " Id is not valid Base64: " + e.getMessage());
        }
      }
    }
    if (nsUri != null && ns != 0) {
      throw c.error("an ExpandedNodeId cannot have both a namespace URI and index");
    }
    return new ExpandedNodeId(node, nsUri, server);
  }

  private QualifiedName decodeQualifiedName() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_STRING) {
      String s = c.text("a QualifiedName");
      try {
        return QualifiedName.parse(s);
      } catch (IllegalArgumentException e) {
        throw c.error("invalid QualifiedName '" + JsonCursor.abbreviate(s) + "': " + e.getMessage());
      }
    }
    if (p().currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("a QualifiedName (a string such as 2:Name, or {\"Name\":..,\"Uri\":..})");
    }
    String name = null;
    int ns = 0;
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      String field = p().currentName();
      c.path().pushField(field);
      p().nextToken();
      switch (field) {
        case JsonFields.NAME -> name = c.text("a Name string");
        case JsonFields.URI -> {
          if (p().currentToken() == JsonToken.VALUE_STRING) {
            throw c.error(
                "a QualifiedName Uri given as a namespace URI cannot be resolved without the"
                    + " server's namespace table; expected an index");
          }
          ns = (int) c.integerInRange(0, NodeId.MAX_NAMESPACE_INDEX, "a namespace index (UInt16)");
        }
        default -> throw c.error("unknown QualifiedName field '" + field + "'; expected Name or Uri");
      }
      c.path().pop();
    }
    if (name == null) {
      throw c.error("QualifiedName object has no Name field");
    }
    return new QualifiedName(ns, name);
  }

  private LocalizedText decodeLocalizedText() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_STRING) {
      return LocalizedText.of(c.text("a LocalizedText"));
    }
    if (p().currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("a LocalizedText object {\"Locale\":..,\"Text\":..}");
    }
    String locale = null;
    String textValue = null;
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      String field = p().currentName();
      c.path().pushField(field);
      p().nextToken();
      boolean isNull = p().currentToken() == JsonToken.VALUE_NULL;
      switch (field) {
        case JsonFields.LOCALE -> locale = isNull ? null : c.text("a Locale string");
        case JsonFields.TEXT -> textValue = isNull ? null : c.text("a Text string");
        default -> throw c.error("unknown LocalizedText field '" + field + "'; expected Locale or Text");
      }
      c.path().pop();
    }
    return new LocalizedText(locale, textValue);
  }
}
