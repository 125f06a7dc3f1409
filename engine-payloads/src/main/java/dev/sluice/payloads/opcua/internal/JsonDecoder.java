package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.ByteString;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.ExpandedNodeId;
import dev.sluice.payloads.opcua.IdType;
import dev.sluice.payloads.opcua.LocalizedText;
import dev.sluice.payloads.opcua.NodeId;
import dev.sluice.payloads.opcua.QualifiedName;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.Variant;
import dev.sluice.payloads.opcua.XmlElement;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoding run over one input: reads the OPC UA 1.05 compact and verbose JSON forms and the
 * 1.04 reversible form with Jackson's streaming parser. Not thread-safe; create one per input.
 *
 * <p>A field whose meaning depends on a sibling that comes later (a {@code Value} before its
 * {@code UaType}, a 1.04 {@code Body} before its {@code Type}) is skipped and re-read from its byte
 * offset once the sibling is known, so field order never matters and line/column stay exact.
 */
public final class JsonDecoder {

  /** The format name in errors. */
  public static final String FORMAT = "opcua-json";

  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

  private final JsonFactory factory;
  private final byte[] data;
  private final PayloadLimits limits;
  private final JsonPath path = new JsonPath();
  private JsonParser p;
  private int baseLine = 1;
  private int baseColumn = 1;
  private long baseOffset;

  /** A decoder of {@code data}. */
  public JsonDecoder(JsonFactory factory, byte[] data, PayloadLimits limits) {
    this.factory = factory;
    this.data = data;
    this.limits = limits;
  }

  /** A Jackson factory enforcing {@code limits} while it parses. */
  public static JsonFactory factoryFor(PayloadLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(Math.max(limits.maxStringLength(), limits.maxLabelNameLength()))
            .maxNameLength(limits.maxLabelNameLength())
            .build();
    return JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  // ---------------------------------------------------------------- documents

  /** Reads a document holding one DataValue object. */
  public DataValue readDataValue() {
    return run(
        () -> {
          expectDocumentStart(JsonToken.START_OBJECT, "a DataValue object");
          DataValue dv = decodeDataValue();
          expectDocumentEnd();
          return dv;
        });
  }

  /** Reads a document holding a JSON array of DataValue objects. */
  public List<DataValue> readDataValueArray() {
    return run(
        () -> {
          expectDocumentStart(JsonToken.START_ARRAY, "a JSON array of DataValue objects");
          List<DataValue> out = new ArrayList<>();
          path.pushIndex(0);
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            path.setIndex(i);
            checkCount(i);
            if (p.currentToken() != JsonToken.START_OBJECT) {
              throw error("expected a DataValue object but found " + describe(p.currentToken()));
            }
            out.add(decodeDataValue());
            i++;
          }
          path.pop();
          expectDocumentEnd();
          return Collections.unmodifiableList(out);
        });
  }

  /** Reads a document holding a JSON object whose members are DataValue objects. */
  public Map<String, DataValue> readDataValueObject() {
    return run(
        () -> {
          expectDocumentStart(JsonToken.START_OBJECT, "a JSON object of DataValue objects");
          Map<String, DataValue> out = new LinkedHashMap<>();
          int i = 0;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            path.pushField(key);
            checkCount(i++);
            if (out.containsKey(key)) {
              throw error("duplicate member '" + key + "'");
            }
            if (p.nextToken() != JsonToken.START_OBJECT) {
              throw error("expected a DataValue object but found " + describe(p.currentToken()));
            }
            out.put(key, decodeDataValue());
            path.pop();
          }
          expectDocumentEnd();
          return Collections.unmodifiableMap(out);
        });
  }

  /** Reads a document holding one Variant object (1.05 or 1.04 form). */
  public Variant readVariant() {
    return run(
        () -> {
          expectDocumentStart(JsonToken.START_OBJECT, "a Variant object");
          Variant v = decodeVariantObject();
          expectDocumentEnd();
          return v;
        });
  }

  private <T> T run(IoSupplier<T> body) {
    if (data.length > limits.maxInputBytes()) {
      throw new PayloadFormatException(
          FORMAT,
          "$",
          "input is "
              + data.length
              + " bytes, more than the limit of "
              + limits.maxInputBytes()
              + " bytes (PayloadLimits.maxInputBytes)");
    }
    try (JsonParser parser = factory.createParser(data)) {
      p = parser;
      return body.get();
    } catch (JsonProcessingException e) {
      throw convert(e);
    } catch (IOException e) {
      throw new PayloadFormatException(FORMAT, "$", "cannot read the input: " + e.getMessage(), e);
    }
  }

  private PayloadFormatException convert(JsonProcessingException e) {
    JsonLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
    String reason;
    if (e instanceof StreamConstraintsException) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("nesting depth")) {
        reason =
            "nesting is deeper than the limit of "
                + limits.maxNestingDepth()
                + " (PayloadLimits.maxNestingDepth)";
      } else if (m.contains("Name length")) {
        reason =
            "a member name is longer than the limit of "
                + limits.maxLabelNameLength()
                + " characters (PayloadLimits.maxLabelNameLength)";
      } else if (m.contains("String value length")) {
        reason =
            "a string is longer than the limit of "
                + limits.maxStringLength()
                + " characters (PayloadLimits.maxStringLength)";
      } else {
        reason = "input exceeds a parser limit: " + m;
      }
    } else {
      reason = "malformed JSON: " + e.getOriginalMessage();
    }
    return new PayloadFormatException(FORMAT, location(loc), reason, e);
  }

  private void expectDocumentStart(JsonToken expected, String what) throws IOException {
    JsonToken t = p.nextToken();
    if (t != expected) {
      throw error(
          "expected " + what + " but found " + (t == null ? "an empty document" : describe(t)));
    }
  }

  private void expectDocumentEnd() throws IOException {
    if (p.nextToken() != null) {
      throw error("unexpected content after the end of the document");
    }
  }

  private void checkCount(int index) {
    if (index >= limits.maxRecords()) {
      throw error(
          "more than "
              + limits.maxRecords()
              + " elements (PayloadLimits.maxRecords)");
    }
  }

  // ---------------------------------------------------------------- errors

  private PayloadFormatException error(String reason) {
    return new PayloadFormatException(FORMAT, location(p.currentTokenLocation()), reason);
  }

  private String location(JsonLocation loc) {
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    if (line == 1) {
      col = baseColumn + col - 1;
    }
    line = baseLine + line - 1;
    return path + ", line " + line + ", column " + Math.max(col, 1);
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  private PayloadFormatException expected(String what) {
    return error("expected " + what + " but found " + describe(p.currentToken()));
  }

  // ---------------------------------------------------------------- DataValue and Variant

  private static final int F_TYPE = 1;
  private static final int F_VALUE = 2;
  private static final int F_DIMS = 4;
  private static final int F_STATUS = 8;
  private static final int F_SRC_TS = 16;
  private static final int F_SRC_PS = 32;
  private static final int F_SRV_TS = 64;
  private static final int F_SRV_PS = 128;

  private static int dataValueField(String name) {
    return switch (name) {
      case JsonFields.UA_TYPE -> F_TYPE;
      case JsonFields.VALUE -> F_VALUE;
      case JsonFields.DIMENSIONS -> F_DIMS;
      case JsonFields.STATUS, JsonFields.STATUS_CODE -> F_STATUS;
      case JsonFields.SOURCE_TIMESTAMP -> F_SRC_TS;
      case JsonFields.SOURCE_PICOSECONDS, JsonFields.SOURCE_PICOSECONDS_104 -> F_SRC_PS;
      case JsonFields.SERVER_TIMESTAMP -> F_SRV_TS;
      case JsonFields.SERVER_PICOSECONDS, JsonFields.SERVER_PICOSECONDS_104 -> F_SRV_PS;
      default -> 0;
    };
  }

  private DataValue decodeDataValue() throws IOException {
    VariantParts v = new VariantParts();
    StatusCode status = StatusCode.GOOD;
    Instant source = null;
    Instant server = null;
    int sourcePs = 0;
    int serverPs = 0;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      path.pushField(name);
      int bit = dataValueField(name);
      if (bit == 0) {
        throw error(
            "unknown DataValue field '"
                + name
                + "'; expected UaType, Value, Dimensions, Status, SourceTimestamp,"
                + " SourcePicoseconds, ServerTimestamp or ServerPicoseconds");
      }
      if ((seen & bit) != 0) {
        throw error("duplicate field '" + name + "' (or a spelling variant of it)");
      }
      seen |= bit;
      p.nextToken();
      switch (bit) {
        case F_TYPE -> v.readType();
        case F_VALUE -> v.readValue();
        case F_DIMS -> v.readDimensions();
        case F_STATUS -> status = decodeStatusCodeOrNull();
        case F_SRC_TS -> source = decodeTimestamp();
        case F_SRC_PS -> sourcePs = decodePicoseconds();
        case F_SRV_TS -> server = decodeTimestamp();
        default -> serverPs = decodePicoseconds();
      }
      path.pop();
    }
    Variant value;
    if (v.type == null && v.bufferedOffset >= 0) {
      // 1.04: Value holds a Variant object {"Type":..,"Body":..}
      path.pushField(JsonFields.VALUE);
      if (!v.bufferedIsObject) {
        throw errorAt(
            v,
            "Value needs a UaType field (1.05) or must be a Variant object"
                + " {\"Type\":..,\"Body\":..} (1.04)");
      }
      if (v.dims != null) {
        throw errorAt(v, "Dimensions must be inside the 1.04 Variant object, not beside it");
      }
      value = decodeBuffered(v, this::decodeVariantObject);
      path.pop();
    } else {
      value = v.finish(JsonFields.UA_TYPE, JsonFields.VALUE);
    }
    return new DataValue(value, status, source, sourcePs, server, serverPs);
  }

  private Variant decodeVariantObject() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Variant.NULL;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw expected("a Variant object");
    }
    VariantParts v = new VariantParts();
    boolean legacy = false;
    boolean current = false;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      path.pushField(name);
      int bit;
      switch (name) {
        case JsonFields.UA_TYPE -> {
          bit = F_TYPE;
          current = true;
        }
        case JsonFields.TYPE_104 -> {
          bit = F_TYPE;
          legacy = true;
        }
        case JsonFields.VALUE -> {
          bit = F_VALUE;
          current = true;
        }
        case JsonFields.BODY_104 -> {
          bit = F_VALUE;
          legacy = true;
        }
        case JsonFields.DIMENSIONS -> bit = F_DIMS;
        default ->
            throw error(
                "unknown Variant field '"
                    + name
                    + "'; expected UaType, Value and Dimensions (1.05) or Type, Body and"
                    + " Dimensions (1.04)");
      }
      if (legacy && current) {
        throw error("mixes 1.05 field names (UaType, Value) with 1.04 ones (Type, Body)");
      }
      if ((seen & bit) != 0) {
        throw error("duplicate field '" + name + "'");
      }
      seen |= bit;
      p.nextToken();
      switch (bit) {
        case F_TYPE -> v.readType();
        case F_VALUE -> v.readValue();
        default -> v.readDimensions();
      }
      path.pop();
    }
    return legacy
        ? v.finish(JsonFields.TYPE_104, JsonFields.BODY_104)
        : v.finish(JsonFields.UA_TYPE, JsonFields.VALUE);
  }

  private PayloadFormatException errorAt(VariantParts v, String reason) {
    String loc = path + ", line " + v.bufferedLine + ", column " + v.bufferedColumn;
    return new PayloadFormatException(FORMAT, loc, reason);
  }

  private <T> T decodeBuffered(VariantParts v, IoSupplier<T> body) throws IOException {
    JsonParser saved = p;
    int savedLine = baseLine;
    int savedColumn = baseColumn;
    long savedOffset = baseOffset;
    int start = (int) v.bufferedOffset;
    int end = (int) v.bufferedEnd;
    try (JsonParser sub = factory.createParser(data, start, end - start)) {
      p = sub;
      baseLine = v.bufferedLine;
      baseColumn = v.bufferedColumn;
      baseOffset = v.bufferedOffset;
      p.nextToken();
      return body.get();
    } catch (JsonProcessingException e) {
      throw convert(e);
    } finally {
      p = saved;
      baseLine = savedLine;
      baseColumn = savedColumn;
      baseOffset = savedOffset;
    }
  }

  /** The parts of a Variant as its fields arrive, in any order. */
  private final class VariantParts {
    BuiltinType type;
    boolean valueSeen;
    Object value;
    long bufferedOffset = -1;
    long bufferedEnd;
    int bufferedLine;
    int bufferedColumn;
    boolean bufferedIsObject;
    List<Integer> dims;
    int dimsLine;
    int dimsColumn;

    void readType() throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw expected("a built-in type id (an integer 0..25)");
      }
      if (p.getNumberType() != JsonParser.NumberType.INT
          || p.getIntValue() < 0
          || p.getIntValue() > 25) {
        throw error("built-in type id must be 0..25, was " + p.getText());
      }
      BuiltinType t = BuiltinType.ofId(p.getIntValue());
      if (!t.isSupported()) {
        throw error(
            "built-in type " + t.id() + " (" + t.specName() + ") is not supported by this reader");
      }
      type = t;
    }

    void readValue() throws IOException {
      valueSeen = true;
      if (type == BuiltinType.NULL) {
        if (p.currentToken() != JsonToken.VALUE_NULL) {
          throw error("a Variant of built-in type 0 (Null) must have a null value");
        }
        value = null;
      } else if (type != null) {
        value = decodeValue(type);
      } else if (p.currentToken() == JsonToken.VALUE_NULL) {
        value = null;
      } else {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        bufferedColumn = line == 1 ? baseColumn + col - 1 : col;
        bufferedLine = baseLine + line - 1;
        bufferedOffset = baseOffset + loc.getByteOffset();
        bufferedIsObject = p.currentToken() == JsonToken.START_OBJECT;
        p.skipChildren();
        p.finishToken();
        bufferedEnd = baseOffset + p.currentLocation().getByteOffset();
      }
    }

    void readDimensions() throws IOException {
      JsonLocation loc = p.currentTokenLocation();
      dimsLine = baseLine + loc.getLineNr() - 1;
      dimsColumn = loc.getLineNr() == 1 ? baseColumn + loc.getColumnNr() - 1 : loc.getColumnNr();
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return;
      }
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw expected("an array of UInt32 dimensions");
      }
      List<Integer> out = new ArrayList<>();
      path.pushIndex(0);
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        path.setIndex(i);
        checkCount(i);
        long d = integerInRange(0, Integer.MAX_VALUE, "a dimension");
        out.add((int) d);
        i++;
      }
      path.pop();
      if (out.isEmpty()) {
        throw error("Dimensions must not be empty");
      }
      dims = out;
    }

    Variant finish(String typeField, String valueField) throws IOException {
      if (type != null && bufferedOffset >= 0) {
        path.pushField(valueField);
        value = decodeBuffered(this, () -> decodeValue(type));
        path.pop();
      }
      if (type == null) {
        if (bufferedOffset >= 0 || (valueSeen && value != null)) {
          path.pushField(valueField);
          PayloadFormatException e = errorAt(this, valueField + " has no " + typeField + " field");
          path.pop();
          throw e;
        }
        if (dims != null) {
          throw error("Dimensions given without " + typeField);
        }
        return Variant.NULL;
      }
      if (type == BuiltinType.NULL) {
        if (value != null || dims != null) {
          throw error(typeField + " 0 (Null) cannot have a " + valueField + " or Dimensions");
        }
        return Variant.NULL;
      }
      if (!valueSeen) {
        throw error(
            typeField + " " + type.id() + " (" + type.specName() + ") given without " + valueField);
      }
      if (value instanceof List<?> list) {
        if (dims == null) {
          return Variant.array(type, list);
        }
        long product = 1;
        for (int d : dims) {
          product *= d;
          if (product > Integer.MAX_VALUE) {
            break;
          }
        }
        if (product != list.size()) {
          path.pushField(JsonFields.DIMENSIONS);
          PayloadFormatException e =
              new PayloadFormatException(
                  FORMAT,
                  path + ", line " + dimsLine + ", column " + dimsColumn,
                  "Dimensions "
                      + dims
                      + " need "
                      + product
                      + " elements but "
                      + valueField
                      + " has "
                      + list.size());
          path.pop();
          throw e;
        }
        return Variant.matrix(type, list, dims);
      }
      if (dims != null) {
        throw error("Dimensions given for a scalar " + valueField);
      }
      if (value == null && !type.isNullable()) {
        throw error(valueField + " null is not a valid " + type.specName());
      }
      return Variant.scalar(type, value);
    }
  }

  // ---------------------------------------------------------------- values

  private Object decodeValue(BuiltinType t) throws IOException {
    JsonToken tok = p.currentToken();
    if (tok == JsonToken.START_ARRAY) {
      List<Object> list = new ArrayList<>();
      path.pushIndex(0);
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        path.setIndex(i);
        checkCount(i);
        if (p.currentToken() == JsonToken.VALUE_NULL) {
          if (t == BuiltinType.STATUS_CODE) {
            list.add(StatusCode.GOOD);
          } else if (t.isNullable()) {
            list.add(null);
          } else {
            throw error("null is not a valid " + t.specName() + " array element");
          }
        } else {
          list.add(decodeScalar(t));
        }
        i++;
      }
      path.pop();
      return list;
    }
    if (tok == JsonToken.VALUE_NULL) {
      if (t == BuiltinType.STATUS_CODE) {
        return StatusCode.GOOD;
      }
      if (t.isNullable()) {
        return null;
      }
      throw error("null is not a valid " + t.specName());
    }
    return decodeScalar(t);
  }

  private Object decodeScalar(BuiltinType t) throws IOException {
    return switch (t) {
      case BOOLEAN -> {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_TRUE) {
          yield Boolean.TRUE;
        }
        if (tok == JsonToken.VALUE_FALSE) {
          yield Boolean.FALSE;
        }
        throw expected("true or false for a Boolean");
      }
      case SBYTE -> (byte) integerInRange(Byte.MIN_VALUE, Byte.MAX_VALUE, "an SByte");
      case BYTE -> (int) integerInRange(0, 255, "a Byte");
      case INT16 -> (short) integerInRange(Short.MIN_VALUE, Short.MAX_VALUE, "an Int16");
      case UINT16 -> (int) integerInRange(0, 65535, "a UInt16");
      case INT32 -> (int) integerInRange(Integer.MIN_VALUE, Integer.MAX_VALUE, "an Int32");
      case UINT32 -> integerInRange(0, 0xFFFF_FFFFL, "a UInt32");
      case INT64 -> decodeInt64();
      case UINT64 -> decodeUInt64();
      case FLOAT -> decodeFloat();
      case DOUBLE -> decodeDouble();
      case STRING -> text("a String");
      case DATE_TIME -> decodeDateTime();
      case GUID -> {
        String s = text("a Guid string");
        int bad = GuidText.firstError(s, 0, s.length());
        if (bad >= 0) {
          throw error("'" + abbreviate(s) + "' is not a Guid; expected 8-4-4-4-12 hex digits");
        }
        yield GuidText.parseChecked(s, 0);
      }
      case BYTE_STRING -> decodeByteString();
      case XML_ELEMENT -> new XmlElement(text("an XmlElement string"));
      case NODE_ID -> decodeNodeId();
      case EXPANDED_NODE_ID -> decodeExpandedNodeId();
      case STATUS_CODE -> decodeStatusCode();
      case QUALIFIED_NAME -> decodeQualifiedName();
      case LOCALIZED_TEXT -> decodeLocalizedText();
      default -> throw error("built-in type " + t.specName() + " is not supported by this reader");
    };
  }

  private String text(String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw expected(what);
    }
    String s = p.getText();
    if (s.length() > limits.maxStringLength()) {
      throw error(
          "string of "
              + s.length()
              + " characters is longer than the limit of "
              + limits.maxStringLength()
              + " (PayloadLimits.maxStringLength)");
    }
    return s;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private long integerInRange(long min, long max, String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw expected("an integer for " + what);
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw error(p.getText() + " is out of range for " + what + " (" + min + ".." + max + ")");
    }
    long v = p.getLongValue();
    if (v < min || v > max) {
      throw error(v + " is out of range for " + what + " (" + min + ".." + max + ")");
    }
    return v;
  }

  private long decodeInt64() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return integerInRange(Long.MIN_VALUE, Long.MAX_VALUE, "an Int64");
    }
    String s = text("an Int64 (a decimal string)");
    if (!isDecimal(s, true)) {
      throw error("'" + abbreviate(s) + "' is not a decimal Int64");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error("'" + abbreviate(s) + "' is out of range for an Int64");
    }
  }

  private long decodeUInt64() throws IOException {
    String s;
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      s = p.getText();
    } else {
      s = text("a UInt64 (a decimal string)");
    }
    if (!isDecimal(s, false)) {
      throw error("'" + abbreviate(s) + "' is not a decimal UInt64 (0..18446744073709551615)");
    }
    if (s.length() > 20 || new BigInteger(s).compareTo(UINT64_MAX) > 0) {
      throw error("'" + abbreviate(s) + "' is out of range for a UInt64");
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
    JsonToken tok = p.currentToken();
    if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      float f = Float.parseFloat(p.getText());
      if (Float.isInfinite(f)) {
        throw error(p.getText() + " is out of range for a Float");
      }
      return f;
    }
    if (tok == JsonToken.VALUE_STRING) {
      String s = p.getText();
      switch (s) {
        case "NaN":
          return Float.NaN;
        case "Infinity":
          return Float.POSITIVE_INFINITY;
        case "-Infinity":
          return Float.NEGATIVE_INFINITY;
        default:
          throw error(
              "'" + abbreviate(s) + "' is not a Float; strings allowed are NaN, Infinity, -Infinity");
      }
    }
    throw expected("a number for a Float");
  }

  private double decodeDouble() throws IOException {
    JsonToken tok = p.currentToken();
    if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (Double.isInfinite(d)) {
        throw error(p.getText() + " is out of range for a Double");
      }
      return d;
    }
    if (tok == JsonToken.VALUE_STRING) {
      String s = p.getText();
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw error(
              "'"
                  + abbreviate(s)
                  + "' is not a Double; strings allowed are NaN, Infinity, -Infinity");
      }
    }
    throw expected("a number for a Double");
  }

  private Instant decodeDateTime() throws IOException {
    String s = text("a DateTime string (ISO 8601)");
    Instant t = DateTimes.parse(s);
    if (t == null) {
      throw error("'" + abbreviate(s) + "' is not an ISO 8601 date-time such as 2024-05-01T12:00:00Z");
    }
    return t;
  }

  private Instant decodeTimestamp() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    Instant t = decodeDateTime();
    return t.equals(DateTimes.MIN) ? null : t;
  }

  private int decodePicoseconds() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return 0;
    }
    long v = integerInRange(0, 65535, "picoseconds (a UInt16)");
    if (v > DataValue.MAX_PICOSECONDS) {
      throw error("picoseconds must be 0..9999 (10 ps intervals within a 100 ns tick), was " + v);
    }
    return (int) v;
  }

  private ByteString decodeByteString() throws IOException {
    String s = text("a ByteString (a Base64 string)");
    try {
      return ByteString.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      throw error("ByteString is not valid Base64: " + e.getMessage());
    }
  }

  private StatusCode decodeStatusCodeOrNull() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return StatusCode.GOOD;
    }
    return decodeStatusCode();
  }

  private StatusCode decodeStatusCode() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return new StatusCode((int) integerInRange(0, 0xFFFF_FFFFL, "a StatusCode (UInt32)"));
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw expected("a StatusCode (an object {\"Code\":..,\"Symbol\":..} or a number)");
    }
    Long code = null;
    String symbol = null;
    JsonLocation symbolLocation = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      path.pushField(name);
      p.nextToken();
      switch (name) {
        case JsonFields.CODE -> {
          if (code != null) {
            throw error("duplicate field 'Code'");
          }
          code = integerInRange(0, 0xFFFF_FFFFL, "a StatusCode Code (UInt32)");
        }
        case JsonFields.SYMBOL -> {
          if (symbol != null) {
            throw error("duplicate field 'Symbol'");
          }
          symbol = p.currentToken() == JsonToken.VALUE_NULL ? null : text("a Symbol string");
          symbolLocation = p.currentTokenLocation();
        }
        default -> throw error("unknown StatusCode field '" + name + "'; expected Code or Symbol");
      }
      path.pop();
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
            symbolLocation, "unknown StatusCode Symbol '" + abbreviate(symbol) + "' and no Code given");
      }
      return new StatusCode(named);
    }
    return StatusCode.GOOD;
  }

  private PayloadFormatException symbolError(JsonLocation at, String reason) {
    path.pushField(JsonFields.SYMBOL);
    String loc = location(at);
    path.pop();
    return new PayloadFormatException(FORMAT, loc, reason);
  }

  private NodeId decodeNodeId() throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      ExpandedNodeId e = decodeNodeIdObject(false);
      return e.nodeId();
    }
    String s = text("a NodeId string such as ns=2;s=Name");
    try {
      return NodeIdText.parseNodeId(s);
    } catch (PayloadFormatException e) {
      throw error("invalid NodeId '" + abbreviate(s) + "' at " + e.location() + ": " + e.reason());
    }
  }

  private ExpandedNodeId decodeExpandedNodeId() throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      return decodeNodeIdObject(true);
    }
    String s = text("an ExpandedNodeId string such as nsu=http://x/;s=Name");
    try {
      return NodeIdText.parseExpanded(s);
    } catch (PayloadFormatException e) {
      throw error(
          "invalid ExpandedNodeId '" + abbreviate(s) + "' at " + e.location() + ": " + e.reason());
    }
  }

  /** The 1.04 object form {"IdType":..,"Id":..,"Namespace":..,"ServerUri":..}. */
  private ExpandedNodeId decodeNodeIdObject(boolean expanded) throws IOException {
    String what = expanded ? "ExpandedNodeId" : "NodeId";
    int idType = 0;
    boolean haveIdType = false;
    Object id = null;
    int ns = 0;
    String nsUri = null;
    long server = 0;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      path.pushField(name);
      p.nextToken();
      int bit =
          switch (name) {
            case JsonFields.ID_TYPE -> 1;
            case JsonFields.ID -> 2;
            case JsonFields.NAMESPACE -> 4;
            case JsonFields.SERVER_URI -> expanded ? 8 : 0;
            default -> 0;
          };
      if (bit == 0) {
        throw error(
            "unknown "
                + what
                + " field '"
                + name
                + "'; expected IdType, Id, Namespace"
                + (expanded ? " or ServerUri" : ""));
      }
      if ((seen & bit) != 0) {
        throw error("duplicate field '" + name + "'");
      }
      seen |= bit;
      switch (bit) {
        case 1 -> {
          idType = (int) integerInRange(0, 3, "an IdType (0 numeric, 1 string, 2 Guid, 3 opaque)");
          haveIdType = true;
        }
        case 2 -> {
          if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            id = integerInRange(0, NodeId.MAX_NUMERIC_ID, "a numeric identifier (UInt32)");
          } else {
            id = text("an identifier (a number or a string)");
          }
        }
        case 4 -> {
          if (p.currentToken() == JsonToken.VALUE_STRING && expanded) {
            nsUri = text("a namespace URI");
          } else if (p.currentToken() == JsonToken.VALUE_STRING) {
            throw error(
                "a NodeId Namespace must be an index (a number); a namespace URI cannot be"
                    + " resolved without the server's namespace table");
          } else {
            ns = (int) integerInRange(0, NodeId.MAX_NAMESPACE_INDEX, "a namespace index (UInt16)");
          }
        }
        default -> server = integerInRange(0, NodeId.MAX_NUMERIC_ID, "a server index (UInt32)");
      }
      path.pop();
    }
    if (id == null) {
      throw error(what + " object has no Id field");
    }
    IdType type = IdType.values()[idType];
    NodeId node;
    switch (type) {
      case NUMERIC -> {
        if (!(id instanceof Long l)) {
          throw error(
              what + " Id must be a number for IdType 0" + (haveIdType ? "" : " (the default)"));
        }
        node = NodeId.numeric(ns, l);
      }
      case STRING -> {
        if (!(id instanceof String s)) {
          throw error(what + " Id must be a string for IdType 1");
        }
        node = NodeId.string(ns, s);
      }
      case GUID -> {
        if (!(id instanceof String s) || GuidText.firstError(s, 0, s.length()) >= 0) {
          throw error(what + " Id must be a Guid string (8-4-4-4-12 hex digits) for IdType 2");
        }
        node = NodeId.guid(ns, GuidText.parseChecked(s, 0));
      }
      default -> {
        if (!(id instanceof String s)) {
          throw error(what + " Id must be a Base64 string for IdType 3");
        }
        try {
          node = NodeId.opaque(ns, ByteString.of(Base64.getDecoder().decode(s)));
        } catch (IllegalArgumentException e) {
          throw error(what + " Id is not valid Base64: " + e.getMessage());
        }
      }
    }
    if (nsUri != null && ns != 0) {
      throw error("an ExpandedNodeId cannot have both a namespace URI and index");
    }
    return new ExpandedNodeId(node, nsUri, server);
  }

  private QualifiedName decodeQualifiedName() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String s = text("a QualifiedName");
      try {
        return QualifiedName.parse(s);
      } catch (IllegalArgumentException e) {
        throw error("invalid QualifiedName '" + abbreviate(s) + "': " + e.getMessage());
      }
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw expected("a QualifiedName (a string such as 2:Name, or {\"Name\":..,\"Uri\":..})");
    }
    String name = null;
    int ns = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      path.pushField(field);
      p.nextToken();
      switch (field) {
        case JsonFields.NAME -> name = text("a Name string");
        case JsonFields.URI -> {
          if (p.currentToken() == JsonToken.VALUE_STRING) {
            throw error(
                "a QualifiedName Uri given as a namespace URI cannot be resolved without the"
                    + " server's namespace table; expected an index");
          }
          ns = (int) integerInRange(0, NodeId.MAX_NAMESPACE_INDEX, "a namespace index (UInt16)");
        }
        default -> throw error("unknown QualifiedName field '" + field + "'; expected Name or Uri");
      }
      path.pop();
    }
    if (name == null) {
      throw error("QualifiedName object has no Name field");
    }
    return new QualifiedName(ns, name);
  }

  private LocalizedText decodeLocalizedText() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return LocalizedText.of(text("a LocalizedText"));
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw expected("a LocalizedText object {\"Locale\":..,\"Text\":..}");
    }
    String locale = null;
    String textValue = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      path.pushField(field);
      p.nextToken();
      boolean isNull = p.currentToken() == JsonToken.VALUE_NULL;
      switch (field) {
        case JsonFields.LOCALE -> locale = isNull ? null : text("a Locale string");
        case JsonFields.TEXT -> textValue = isNull ? null : text("a Text string");
        default -> throw error("unknown LocalizedText field '" + field + "'; expected Locale or Text");
      }
      path.pop();
    }
    return new LocalizedText(locale, textValue);
  }
}
