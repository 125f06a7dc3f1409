package dev.sluice.payloads.opcua.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.DiagnosticInfo;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.Variant;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoding run over one input: reads the OPC UA 1.05 compact and verbose JSON forms and the
 * 1.04 reversible form with Jackson's streaming parser. Not thread-safe; create one per input.
 *
 * <p>This class reads documents, DataValues and Variants (including Variants of DataValues and
 * arrays of Variants); {@link ScalarReader} reads the built-in types 1..21 and {@link StructReader}
 * ExtensionObjects and DiagnosticInfos, all over one {@link JsonCursor}.
 *
 * <p>A field whose meaning depends on a sibling that comes later (a {@code Value} before its
 * {@code UaType}, a 1.04 {@code Body} before its {@code Type}) is skipped and re-read from its byte
 * offset once the sibling is known, so field order never matters and line/column stay exact.
 */
public final class JsonDecoder {

  /** The format name in errors. */
  public static final String FORMAT = "opcua-json";

  private final JsonCursor c;
  private final ScalarReader scalars;
  private final StructReader structs;

  /** A decoder of {@code data}. */
  public JsonDecoder(JsonFactory factory, byte[] data, PayloadLimits limits) {
    this.c = new JsonCursor(factory, data, limits);
    this.scalars = new ScalarReader(c);
    this.structs = new StructReader(c, scalars);
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

  private JsonParser p() {
    return c.parser();
  }

  // ---------------------------------------------------------------- documents

  /** Reads a document holding one DataValue object. */
  public DataValue readDataValue() {
    return c.run(
        () -> {
          c.expectDocumentStart(JsonToken.START_OBJECT, "a DataValue object");
          DataValue dv = decodeDataValue();
          c.expectDocumentEnd();
          return dv;
        });
  }

  /** Reads a document holding a JSON array of DataValue objects. */
  public List<DataValue> readDataValueArray() {
    return c.run(
        () -> {
          c.expectDocumentStart(JsonToken.START_ARRAY, "a JSON array of DataValue objects");
          List<DataValue> out = new ArrayList<>();
          c.path().pushIndex(0);
          int i = 0;
          while (p().nextToken() != JsonToken.END_ARRAY) {
            c.path().setIndex(i);
            c.checkCount(i);
            if (p().currentToken() != JsonToken.START_OBJECT) {
              throw c.expected("a DataValue object");
            }
            out.add(decodeDataValue());
            i++;
          }
          c.path().pop();
          c.expectDocumentEnd();
          return Collections.unmodifiableList(out);
        });
  }

  /** Reads a document holding a JSON object whose members are DataValue objects. */
  public Map<String, DataValue> readDataValueObject() {
    return c.run(
        () -> {
          c.expectDocumentStart(JsonToken.START_OBJECT, "a JSON object of DataValue objects");
          Map<String, DataValue> out = new LinkedHashMap<>();
          int i = 0;
          while (p().nextToken() == JsonToken.FIELD_NAME) {
            String key = p().currentName();
            c.path().pushField(key);
            c.checkCount(i++);
            if (out.containsKey(key)) {
              throw c.error("duplicate member '" + key + "'");
            }
            if (p().nextToken() != JsonToken.START_OBJECT) {
              throw c.expected("a DataValue object");
            }
            out.put(key, decodeDataValue());
            c.path().pop();
          }
          c.expectDocumentEnd();
          return Collections.unmodifiableMap(out);
        });
  }

  /** Reads a document holding one Variant object (1.05 or 1.04 form). */
  public Variant readVariant() {
    return c.run(
        () -> {
          c.expectDocumentStart(JsonToken.START_OBJECT, "a Variant object");
          Variant v = decodeVariantObject();
          c.expectDocumentEnd();
          return v;
        });
  }

  /** Reads a document holding one DiagnosticInfo object. */
  public DiagnosticInfo readDiagnosticInfo() {
    return c.run(
        () -> {
          c.expectDocumentStart(JsonToken.START_OBJECT, "a DiagnosticInfo object");
          DiagnosticInfo d = structs.readDiagnosticInfo();
          c.expectDocumentEnd();
          return d;
        });
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

  /** A DataValue object at the current token (its 1.05 and 1.04 forms). */
  private DataValue decodeDataValue() throws IOException {
    VariantParts v = new VariantParts(false);
    StatusCode status = StatusCode.GOOD;
    Instant source = null;
    Instant server = null;
    int sourcePs = 0;
    int serverPs = 0;
    int seen = 0;
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      String name = p().currentName();
      c.path().pushField(name);
      int bit = dataValueField(name);
      if (bit == 0) {
        throw c.error(
            "unknown DataValue field '"
                + name
                + "'; expected UaType, Value, Dimensions, Status, SourceTimestamp,"
                + " SourcePicoseconds, ServerTimestamp or ServerPicoseconds");
      }
      if ((seen & bit) != 0) {
        throw c.error("duplicate field '" + name + "' (or a spelling variant of it)");
      }
      seen |= bit;
      p().nextToken();
      switch (bit) {
        case F_TYPE -> v.readType();
        case F_VALUE -> v.readValue();
        case F_DIMS -> v.readDimensions();
        case F_STATUS -> status = scalars.decodeStatusCodeOrNull();
        case F_SRC_TS -> source = scalars.decodeTimestamp();
        case F_SRC_PS -> sourcePs = scalars.decodePicoseconds();
        case F_SRV_TS -> server = scalars.decodeTimestamp();
        default -> serverPs = scalars.decodePicoseconds();
      }
      c.path().pop();
    }
    Variant value;
    if (v.type == null && v.mark != null) {
      // 1.04: Value holds a Variant object {"Type":..,"Body":..}
      if (v.mark.token != JsonToken.START_OBJECT) {
        throw c.errorAt(
            JsonFields.VALUE,
            v.mark.line,
            v.mark.column,
            "Value needs a UaType field (1.05) or must be a Variant object"
                + " {\"Type\":..,\"Body\":..} (1.04)");
      }
      if (v.dims != null) {
        throw c.errorAt(
            JsonFields.VALUE,
            v.mark.line,
            v.mark.column,
            "Dimensions must be inside the 1.04 Variant object, not beside it");
      }
      c.path().pushField(JsonFields.VALUE);
      value = c.reread(v.mark, this::decodeVariantObject);
      c.path().pop();
      v.valueLine = v.mark.line;
      v.valueColumn = v.mark.column;
    } else {
      value = v.finish(JsonFields.UA_TYPE, JsonFields.VALUE);
    }
    if (value.containsDataValue()) {
      throw c.errorAt(JsonFields.VALUE, v.valueLine, v.valueColumn, DataValue.NESTED_DATA_VALUE);
    }
    return new DataValue(value, status, source, sourcePs, server, serverPs);
  }

  /** A Variant object at the current token, or null for the Null Variant. */
  private Variant decodeVariantObject() throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NULL) {
      return Variant.NULL;
    }
    if (p().currentToken() != JsonToken.START_OBJECT) {
      throw c.expected("a Variant object");
    }
    VariantParts v = new VariantParts(false);
    boolean current = false;
    int seen = 0;
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      String name = p().currentName();
      c.path().pushField(name);
      int bit;
      switch (name) {
        case JsonFields.UA_TYPE -> {
          bit = F_TYPE;
          current = true;
        }
        case JsonFields.TYPE_104 -> {
          bit = F_TYPE;
          v.legacy = true;
        }
        case JsonFields.VALUE -> {
          bit = F_VALUE;
          current = true;
        }
        case JsonFields.BODY_104 -> {
          bit = F_VALUE;
          v.legacy = true;
        }
        case JsonFields.DIMENSIONS -> bit = F_DIMS;
        case JsonFields.DIMENSION_104 -> {
          bit = F_DIMS;
          v.legacy = true;
        }
        default ->
            throw c.error(
                "unknown Variant field '"
                    + name
                    + "'; expected UaType, Value and Dimensions (1.05) or Type, Body and"
                    + " Dimensions or Dimension (1.04)");
      }
      if (v.legacy && current) {
        throw c.error("mixes 1.05 field names (UaType, Value) with 1.04 ones (Type, Body)");
      }
      if ((seen & bit) != 0) {
        throw c.error("duplicate field '" + name + "'");
      }
      seen |= bit;
      p().nextToken();
      switch (bit) {
        case F_TYPE -> v.readType();
        case F_VALUE -> v.readValue();
        default -> v.readDimensions();
      }
      c.path().pop();
    }
    return v.legacy
        ? v.finish(JsonFields.TYPE_104, JsonFields.BODY_104)
        : v.finish(JsonFields.UA_TYPE, JsonFields.VALUE);
  }

  /** The parts of a Variant as its fields arrive, in any order. */
  private final class VariantParts {
    /** True when the field names are the 1.04 ones; nested ExtensionObjects follow suit. */
    boolean legacy;
    BuiltinType type;
    boolean valueSeen;
    Object value;
    int valueLine;
    int valueColumn;
    JsonCursor.Mark mark;
    List<Integer> dims;
    /** The spelling of the dimensions field that was read ({@code Dimensions} or 1.04 {@code Dimension}). */
    String dimsField = JsonFields.DIMENSIONS;
    int dimsLine;
    int dimsColumn;

    VariantParts(boolean legacy) {
      this.legacy = legacy;
    }

    void readType() throws IOException {
      if (p().currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw c.expected("a built-in type id (an integer 0..25)");
      }
      if (p().getNumberType() != JsonParser.NumberType.INT
          || p().getIntValue() < 0
          || p().getIntValue() > 25) {
        throw c.error("built-in type id must be 0..25, was " + p().getText());
      }
      BuiltinType t = BuiltinType.ofId(p().getIntValue());
      if (!t.allowedInVariant()) {
        throw c.error(Variant.NO_DIAGNOSTIC_INFO);
      }
      type = t;
    }

    void readValue() throws IOException {
      valueSeen = true;
      if (type == BuiltinType.NULL) {
        if (p().currentToken() != JsonToken.VALUE_NULL) {
          throw c.error("a Variant of built-in type 0 (Null) must have a null value");
        }
        value = null;
      } else if (type != null) {
        if (type == BuiltinType.DATA_VALUE || type == BuiltinType.VARIANT) {
          JsonLocation loc = p().currentTokenLocation();
          valueLine = c.lineOf(loc);
          valueColumn = c.columnOf(loc);
        }
        value = decodeValue(type, legacy);
      } else if (p().currentToken() == JsonToken.VALUE_NULL) {
        value = null;
      } else {
        mark = c.skipAndMark();
      }
    }

    void readDimensions() throws IOException {
      String field = p().currentName();
      dimsField = field == null ? JsonFields.DIMENSIONS : field;
      JsonLocation loc = p().currentTokenLocation();
      dimsLine = c.lineOf(loc);
      dimsColumn = c.columnOf(loc);
      if (p().currentToken() == JsonToken.VALUE_NULL) {
        return;
      }
      if (p().currentToken() != JsonToken.START_ARRAY) {
        throw c.expected("an array of UInt32 dimensions");
      }
      List<Integer> out = new ArrayList<>();
      c.path().pushIndex(0);
      int i = 0;
      while (p().nextToken() != JsonToken.END_ARRAY) {
        c.path().setIndex(i);
        c.checkCount(i);
        long d = c.integerInRange(0, Integer.MAX_VALUE, "a dimension");
        out.add((int) d);
        i++;
      }
      c.path().pop();
      if (out.isEmpty()) {
        throw c.error("Dimensions must not be empty");
      }
      dims = out;
    }

    Variant finish(String typeField, String valueField) throws IOException {
      if (type == BuiltinType.NULL && mark != null) {
        throw c.errorAt(
            valueField,
            mark.line,
            mark.column,
            "a Variant of built-in type 0 (Null) must have a null value");
      }
      if (type != null && mark != null) {
        valueLine = mark.line;
        valueColumn = mark.column;
        c.path().pushField(valueField);
        value = c.reread(mark, () -> decodeValue(type, legacy));
        c.path().pop();
      }
      if (type == null) {
        if (mark != null) {
          throw c.errorAt(valueField, mark.line, mark.column, valueField + " has no " + typeField + " field");
        }
        if (dims != null) {
          throw c.error("Dimensions given without " + typeField);
        }
        return Variant.NULL;
      }
      if (type == BuiltinType.NULL) {
        if (value != null || dims != null) {
          throw c.error(typeField + " 0 (Null) cannot have a " + valueField + " or Dimensions");
        }
        return Variant.NULL;
      }
      if (!valueSeen) {
        throw c.error(
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
          throw c.errorAt(
              dimsField,
              dimsLine,
              dimsColumn,
              "Dimensions " + dims + " need " + product + " elements but " + valueField + " has "
                  + list.size());
        }
        return Variant.matrix(type, list, dims);
      }
      if (dims != null) {
        throw c.error("Dimensions given for a scalar " + valueField);
      }
      if (type == BuiltinType.VARIANT) {
        throw c.errorAt(valueField, valueLine, valueColumn, Variant.NO_SCALAR_VARIANT);
      }
      if (value == null && !type.isNullable()) {
        throw c.error(valueField + " null is not a valid " + type.specName());
      }
      return Variant.scalar(type, value);
    }
  }

  // ---------------------------------------------------------------- values

  /** A scalar, or the elements of a JSON array, of type {@code t} at the current token. */
  private Object decodeValue(BuiltinType t, boolean legacy) throws IOException {
    if (p().currentToken() != JsonToken.START_ARRAY) {
      return decodeElement(t, legacy, false);
    }
    List<Object> list = new ArrayList<>();
    c.path().pushIndex(0);
    int i = 0;
    while (p().nextToken() != JsonToken.END_ARRAY) {
      c.path().setIndex(i);
      c.checkCount(i);
      list.add(decodeElement(t, legacy, true));
      i++;
    }
    c.path().pop();
    return list;
  }

  private Object decodeElement(BuiltinType t, boolean legacy, boolean inArray) throws IOException {
    if (p().currentToken() == JsonToken.VALUE_NULL) {
      if (t == BuiltinType.STATUS_CODE) {
        return StatusCode.GOOD;
      }
      if (t == BuiltinType.VARIANT) {
        return Variant.NULL;
      }
      if (t.isNullable()) {
        return null;
      }
      throw c.error("null is not a valid " + t.specName() + (inArray ? " array element" : ""));
    }
    return switch (t) {
      case EXTENSION_OBJECT ->
          legacy ? structs.readLegacyExtensionObject() : structs.readExtensionObject();
      case DATA_VALUE -> {
        if (p().currentToken() != JsonToken.START_OBJECT) {
          throw c.expected("a DataValue object");
        }
        yield decodeDataValue();
      }
      case VARIANT -> {
        if (!inArray) {
          throw c.error(Variant.NO_SCALAR_VARIANT);
        }
        yield decodeVariantObject();
      }
      default -> scalars.decodeScalar(t);
    };
  }
}
