package dev.sluice.payloads.senml.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.senml.SenmlPack;
import dev.sluice.payloads.senml.SenmlRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one pack from a Jackson streaming parser (JSON or CBOR) into the model, checking token
 * types and limits. Semantic rules are left to {@code SenmlValidator}. One instance per call.
 */
final class PackReader {

  /** Decimal fractions (CBOR tag 4) with exponents beyond this are out of double range anyway. */
  private static final int MAX_DECIMAL_SCALE = 1200;

  private final SenmlDialect dialect;
  private final PayloadLimits limits;
  private final JsonParser parser;
  private int recordIndex = -1;

  PackReader(SenmlDialect dialect, PayloadLimits limits, JsonParser parser) {
    this.dialect = dialect;
    this.limits = limits;
    this.parser = parser;
  }

  SenmlPack read() {
    try {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_ARRAY) {
        throw fieldError("$", "a SenML pack must be an array of records, found " + describe(token));
      }
      List<SenmlRecord> records = new ArrayList<>();
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        recordIndex = records.size();
        if (token == null) {
          throw syntaxError("unexpected end of input: the pack array is not closed");
        }
        if (recordIndex >= limits.maxRecords()) {
          throw fieldError(
              "$[" + recordIndex + "]",
              "the pack has more than " + limits.maxRecords() + " records (PayloadLimits.maxRecords)");
        }
        if (token != JsonToken.START_OBJECT) {
          throw fieldError(
              "$[" + recordIndex + "]", "a record must be an object, found " + describe(token));
        }
        records.add(readRecord());
      }
      recordIndex = -1;
      token = parser.nextToken();
      if (token != null) {
        throw syntaxError("unexpected " + describe(token) + " after the end of the pack");
      }
      if (records.isEmpty()) {
        throw fieldError("$", "a SenML pack must contain at least one record");
      }
      return new SenmlPack(records);
    } catch (StreamReadException e) {
      throw new PayloadFormatException(
          dialect.format, where(e.getLocation()), e.getOriginalMessage() + context(), e);
    } catch (IOException e) {
      throw new PayloadFormatException(
          dialect.format, where(parser.currentLocation()), "cannot read input: " + e, e);
    }
  }

  private SenmlRecord readRecord() throws IOException {
    SenmlRecord.Builder b = SenmlRecord.builder();
    Map<String, Object> extensions = null;
    int seen = 0;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SenmlLabel label = label(key);
      if (label == null) {
        if (!wellFormed(key)) {
          throw fieldError(
              path(key), "field name is not valid Unicode (malformed UTF-8 in the input)");
        }
        checkExtensionLabel(key);
        if (extensions == null) {
          extensions = new TreeMap<>();
        }
        if (extensions.containsKey(key)) {
          throw fieldError(path(key), "duplicate field '" + key + "'");
        }
        extensions.put(key, readExtensionValue(key));
        continue;
      }
      // the JSON path is built only for an error: this loop runs for every field of every record
      String field = label.json;
      if ((seen & label.bit) != 0) {
        throw fieldError(path(field), "duplicate field '" + label.json + "'");
      }
      seen |= label.bit;
      switch (label) {
        case BASE_NAME -> b.baseName(readString(field));
        case BASE_TIME -> b.baseTime(readNumber(field));
        case BASE_UNIT -> b.baseUnit(readString(field));
        case BASE_VALUE -> b.baseValue(readNumber(field));
        case BASE_SUM -> b.baseSum(readNumber(field));
        case BASE_VERSION -> b.baseVersion(readVersion(field));
        case NAME -> b.name(readString(field));
        case UNIT -> b.unit(readString(field));
        case VALUE -> b.value(readNumber(field));
        case STRING_VALUE -> b.stringValue(readString(field));
        case BOOLEAN_VALUE -> b.booleanValue(readBoolean(field));
        case DATA_VALUE -> b.dataValue(readData(field));
        case SUM -> b.sum(readNumber(field));
        case TIME -> b.time(readNumber(field));
        case UPDATE_TIME -> b.updateTime(readNumber(field));
        default -> throw new AssertionError(label);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw syntaxError("unexpected " + describe(token) + " inside record " + recordIndex);
    }
    if (extensions != null) {
      extensions.forEach(b::extension);
    }
    return b.build();
  }

  /** Maps a map key to an RFC 8428 label; rejects keys the dialect does not allow. */
  private SenmlLabel label(String key) {
    if (dialect == SenmlDialect.JSON) {
      return SenmlLabel.ofJson(key);
    }
    if (isInteger(key)) {
      long id;
      try {
        id = Long.parseLong(key);
      } catch (NumberFormatException e) {
        id = Long.MAX_VALUE;
      }
      SenmlLabel label = SenmlLabel.ofCbor(id);
      if (label == null) {
        throw fieldError(
            "$[" + recordIndex + "]",
            "unknown CBOR integer label "
                + key
                + "; RFC 8428 §6 defines labels -6..8 only and extensions use text labels");
      }
      return label;
    }
    SenmlLabel named = SenmlLabel.ofJson(key);
    if (named != null) {
      throw fieldError(
          path(key),
          "field '" + key + "' must use its CBOR integer label " + named.cbor + " in SenML CBOR");
    }
    return null;
  }

  private static boolean isInteger(String key) {
    int n = key.length();
    int i = n > 1 && key.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private void checkExtensionLabel(String key) {
    if (key.length() > limits.maxLabelNameLength()) {
      throw fieldError(
          "$[" + recordIndex + "]",
          "field label longer than " + limits.maxLabelNameLength()
              + " characters (PayloadLimits.maxLabelNameLength)");
    }
    String problem = SenmlNames.extensionLabelProblem(key);
    if (problem != null) {
      throw fieldError(path(key), problem);
    }
  }

  private Object readExtensionValue(String key) throws IOException {
    String field = key;
    JsonToken token = parser.nextToken();
    switch (token == null ? JsonToken.NOT_AVAILABLE : token) {
      case VALUE_STRING:
        return checkedString(field);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(field);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        throw fieldError(
            path(field),
            "extension field '" + key + "' must have a string, number or boolean value, found "
                + describe(token));
    }
  }

  private String readString(String field) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.VALUE_STRING) {
      throw fieldError(path(field), "expected a string, found " + describe(token));
    }
    return checkedString(field);
  }

  private String checkedString(String field) throws IOException {
    String s = parser.getText();
    if (!wellFormed(s)) {
      throw fieldError(path(field), "string is not valid Unicode (malformed UTF-8 in the input)");
    }
    if (s.length() > limits.maxStringLength()) {
      throw fieldError(
          path(field),
          "string longer than " + limits.maxStringLength()
              + " characters (PayloadLimits.maxStringLength)");
    }
    return s;
  }

  /** True if {@code s} has no unpaired surrogate (what malformed UTF-8 decodes to). */
  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private Double readNumber(String field) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw fieldError(path(field), "expected a number, found " + describe(token));
    }
    return number(field);
  }

  private Double number(String field) throws IOException {
    double d;
    if (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
      BigDecimal big = parser.getDecimalValue();
      if (Math.abs((long) big.scale()) > MAX_DECIMAL_SCALE && big.signum() != 0) {
        throw fieldError(path(field), "number out of range: " + abbreviate(big.toString()));
      }
      d = big.doubleValue();
    } else {
      d = parser.getDoubleValue();
    }
    if (!Double.isFinite(d)) {
      throw fieldError(path(field), "number must be finite, found " + d);
    }
    return d;
  }

  private Integer readVersion(String field) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw fieldError(path(field), "bver must be an integer, found " + describe(token));
    }
    if (parser.getNumberType() != JsonParser.NumberType.INT) {
      throw fieldError(path(field), "bver out of range: " + abbreviate(parser.getText()));
    }
    return parser.getIntValue();
  }

  private Boolean readBoolean(String field) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    throw fieldError(path(field), "expected a boolean, found " + describe(token));
  }

  private byte[] readData(String field) throws IOException {
    JsonToken token = parser.nextToken();
    if (dialect == SenmlDialect.CBOR) {
      if (token != JsonToken.VALUE_EMBEDDED_OBJECT) {
        throw fieldError(path(field), "vd must be a CBOR byte string, found " + describe(token));
      }
      byte[] data = parser.getBinaryValue();
      if (data.length > limits.maxStringLength()) {
        throw fieldError(
            path(field),
            "data value longer than " + limits.maxStringLength()
                + " bytes (PayloadLimits.maxStringLength)");
      }
      return data;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw fieldError(path(field), "vd must be a base64url string, found " + describe(token));
    }
    String text = checkedString(field);
    String problem = SenmlNames.base64UrlProblem(text);
    if (problem != null) {
      throw fieldError(path(field), problem);
    }
    return Base64.getUrlDecoder().decode(text);
  }

  /** The JSON path of {@code field} in the current record, for errors. */
  private String path(String field) {
    return "$[" + recordIndex + "]." + field;
  }

  private PayloadFormatException fieldError(String location, String reason) {
    return new PayloadFormatException(dialect.format, location, reason);
  }

  private PayloadFormatException syntaxError(String reason) {
    JsonLocation at =
        parser.currentToken() == null ? parser.currentLocation() : parser.currentTokenLocation();
    return new PayloadFormatException(dialect.format, where(at), reason);
  }

  private String where(JsonLocation location) {
    if (location == null) {
      return "unknown position";
    }
    if (dialect == SenmlDialect.JSON && location.getLineNr() > 0) {
      return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
    return "byte " + location.getByteOffset();
  }

  private String context() {
    return recordIndex >= 0 ? " (in record $[" + recordIndex + "])" : "";
  }

  private String describe(JsonToken token) {
    if (token == null) {
      return "end of input";
    }
    switch (token) {
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      case VALUE_EMBEDDED_OBJECT:
        return dialect == SenmlDialect.CBOR ? "a byte string" : "an embedded value";
      default:
        return token.toString();
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
