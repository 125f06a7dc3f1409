package dev.sluice.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value of a pipeline file with the place it was read from: its JSON path and the line and
 * column where it starts. Objects keep their keys in file order.
 *
 * <p>Immutable and thread-safe once built by the loader.
 */
public final class ConfigNode {
  /** The kind of a value. */
  public enum Kind {
    /** A JSON object. */
    OBJECT,
    /** A JSON array. */
    ARRAY,
    /** A string. */
    STRING,
    /** A number: integral values are {@link Long}, others {@link Double}. */
    NUMBER,
    /** true or false. */
    BOOLEAN,
    /** null. */
    NULL
  }

  private final Kind kind;
  private final String path;
  private final int line;
  private final int column;
  private final Object value;
  private final Map<String, ConfigNode> fields;
  private final List<ConfigNode> elements;

  private ConfigNode(
      Kind kind, String path, int line, int column, Object value,
      Map<String, ConfigNode> fields, List<ConfigNode> elements) {
    this.kind = kind;
    this.path = path;
    this.line = line;
    this.column = column;
    this.value = value;
    this.fields = fields;
    this.elements = elements;
  }

  /** A scalar: a {@link String}, {@link Long}, {@link Double}, {@link Boolean} or null. */
  public static ConfigNode scalar(String path, int line, int column, Object value) {
    Kind k;
    if (value == null) {
      k = Kind.NULL;
    } else if (value instanceof String) {
      k = Kind.STRING;
    } else if (value instanceof Long || value instanceof Double) {
      k = Kind.NUMBER;
    } else if (value instanceof Boolean) {
      k = Kind.BOOLEAN;
    } else {
      throw new IllegalArgumentException("not a scalar: " + value.getClass().getName());
    }
    return new ConfigNode(k, path, line, column, value, null, null);
  }

  /** An object with {@code fields} in order (kept, not copied). */
  public static ConfigNode object(String path, int line, int column, LinkedHashMap<String, ConfigNode> fields) {
    return new ConfigNode(
        Kind.OBJECT, path, line, column, null, Collections.unmodifiableMap(fields), null);
  }

  /** An array of {@code elements} (copied). */
  public static ConfigNode array(String path, int line, int column, List<ConfigNode> elements) {
    return new ConfigNode(Kind.ARRAY, path, line, column, null, null, List.copyOf(elements));
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The JSON path, e.g. {@code $.stages[1].window.sizeMillis}. */
  public String path() {
    return path;
  }

  /** The line where the value starts, from 1 (0 if unknown). */
  public int line() {
    return line;
  }

  /** The column where the value starts, from 1 (0 if unknown). */
  public int column() {
    return column;
  }

  /** The scalar value: String, Long, Double, Boolean or null (for objects and arrays, null). */
  public Object value() {
    return value;
  }

  /** The fields of an object in file order; empty for other kinds. */
  public Map<String, ConfigNode> fields() {
    return fields == null ? Map.of() : fields;
  }

  /** The field {@code name} of an object, or null. */
  public ConfigNode field(String name) {
    return fields == null ? null : fields.get(Objects.requireNonNull(name));
  }

  /** The elements of an array; empty for other kinds. */
  public List<ConfigNode> elements() {
    return elements == null ? List.of() : elements;
  }

  /** A short description of the kind for messages: "a string", "an object", ... */
  public String describe() {
    return switch (kind) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "the string \"" + value + "\"";
      case NUMBER -> "the number " + value;
      case BOOLEAN -> "the boolean " + value;
      case NULL -> "null";
    };
  }

  @Override
  public String toString() {
    return path + "@" + line + ":" + column + " " + describe();
  }
}
