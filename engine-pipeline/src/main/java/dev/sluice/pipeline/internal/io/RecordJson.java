package dev.sluice.pipeline.internal.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object into a {@link Record} of a fixed schema (fields not in the schema are
 * skipped) and writes records as JSON objects in schema order. One instance per thread.
 */
public final class RecordJson {
  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final RecordSchema schema;
  private final SerializedString[] names;
  private final StringWriter buffer = new StringWriter(256);

  /** A reader/writer for {@code schema}. */
  public RecordJson(RecordSchema schema) {
    this.schema = schema;
    this.names = new SerializedString[schema.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = new SerializedString(schema.name(i));
    }
  }

  /**
   * Parses one JSON object.
   *
   * @throws IllegalArgumentException saying which field is wrong and why
   */
  public Record read(String line) throws IOException {
    Object[] values = new Object[schema.size()];
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int slot = schema.slot(p.currentName());
        JsonToken t = p.nextToken();
        if (slot < 0) {
          p.skipChildren();
          continue;
        }
        values[slot] = value(p, t, schema.type(slot), schema.name(slot));
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("content after the JSON object");
      }
    }
    return new Record(schema, values);
  }

  static Object value(JsonParser p, JsonToken t, FieldType type, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (type) {
      case STRING -> {
        if (t == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        if (t.isScalarValue()) {
          return p.getText();
        }
      }
      case LONG -> {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
          double d = p.getDoubleValue();
          if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) d;
          }
        }
      }
      case DOUBLE -> {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          return p.getDoubleValue();
        }
      }
      case BOOLEAN -> {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return p.getBooleanValue();
        }
      }
      case ANY -> {
        return any(p, t);
      }
    }
    throw new IllegalArgumentException(
        "field '" + field + "' is declared " + type + " but holds " + describe(p, t));
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string \"" + p.getText() + "\"";
      default -> p.getText();
    };
  }

  private static Object any(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          m.put(k, any(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(any(p, e));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue() : p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }

  /** The record as one line of JSON (no newline). NaN and infinities are written as null. */
  public String write(Record r) throws IOException {
    buffer.getBuffer().setLength(0);
    try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
      g.writeStartObject();
      for (int i = 0; i < names.length; i++) {
        g.writeFieldName(names[i]);
        writeValue(g, r.get(i));
      }
      g.writeEndObject();
    }
    return buffer.toString();
  }

  /** Writes any record value. */
  public static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeNull();
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Iterable<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }

  /** Any value as JSON text (for CSV cells holding lists and maps). */
  public static String toJson(Object v) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      writeValue(g, v);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }
}
