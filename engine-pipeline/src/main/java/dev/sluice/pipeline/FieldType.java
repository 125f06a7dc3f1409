package dev.sluice.pipeline;

/**
 * The type of a record field, known when a pipeline file is validated. Values are held as {@link
 * String}, {@link Long}, {@link Double}, {@link Boolean} or, for {@link #ANY}, any of those, a
 * {@link java.util.List} or a {@link java.util.Map} (results of aggregations such as top-N). Any
 * field may be null (absent in the input).
 */
public enum FieldType {
  /** Text. */
  STRING("string"),
  /** A 64-bit integer. */
  LONG("long"),
  /** A 64-bit floating-point number. */
  DOUBLE("double"),
  /** true or false. */
  BOOLEAN("boolean"),
  /** Any value: lists and maps produced by aggregations, or values of no declared type. */
  ANY("any");

  private final String text;

  FieldType(String text) {
    this.text = text;
  }

  /** The name used in pipeline files: {@code string}, {@code long}, {@code double}, ... */
  public String text() {
    return text;
  }

  /** True for {@link #LONG} and {@link #DOUBLE}. */
  public boolean numeric() {
    return this == LONG || this == DOUBLE;
  }

  /** The type named {@code text} in a pipeline file, or null if there is none. */
  public static FieldType fromText(String text) {
    for (FieldType t : values()) {
      if (t.text.equals(text)) {
        return t;
      }
    }
    return switch (text) {
      case "int", "integer" -> LONG;
      case "number", "float" -> DOUBLE;
      case "bool" -> BOOLEAN;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
