package dev.sluice.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one node (or of an object nested in it) of a pipeline file, with typed
 * getters that report problems instead of throwing: a missing required field, a value of the
 * wrong type or out of range, an expression that does not compile. Each problem carries the JSON
 * path, line and column of the value (or of the object for a missing field). The loader reports
 * every field that nobody read as unknown, so typos do not pass silently.
 *
 * <p>Getters return a default (or null) after reporting a problem, so a factory can go on and
 * report further problems. Not thread-safe: used by one factory during loading.
 */
public final class StageConfig {
  private final String file;
  private final ConfigNode node;
  private final Path baseDirectory;
  private final LoadOptions options;
  private final List<Problem> problems;
  private final Set<String> read = new LinkedHashSet<>();
  private final List<StageConfig> children = new ArrayList<>();

  StageConfig(String file, ConfigNode node, Path baseDirectory, LoadOptions options, List<Problem> problems) {
    this.file = file;
    this.node = node;
    this.baseDirectory = baseDirectory;
    this.options = options;
    this.problems = problems;
  }

  /** The object node itself. */
  public ConfigNode node() {
    return node;
  }

  /** The JSON path of this object. */
  public String path() {
    return node.path();
  }

  /** The load options (for permissions such as {@link LoadOptions#allowClasses()}). */
  public LoadOptions options() {
    return options;
  }

  /** True if the field is present (marks it read). */
  public boolean has(String key) {
    read.add(key);
    return node.field(key) != null;
  }

  /** The raw field, or null if absent (marks it read). */
  public ConfigNode get(String key) {
    read.add(key);
    return node.field(key);
  }

  /** Reports a problem at {@code at}. */
  public void problem(ConfigNode at, String message) {
    problems.add(new Problem(file, at.path(), at.line(), at.column(), message));
  }

  /** Reports a problem about the field {@code key}: at its value, or at this object if absent. */
  public void problem(String key, String message) {
    ConfigNode v = node.field(key);
    if (v != null) {
      problem(v, message);
    } else {
      problems.add(new Problem(file, node.path() + "." + key, node.line(), node.column(), message));
    }
  }

  /** The number of problems reported so far, by anyone (to tell whether a call reported one). */
  public int problemCount() {
    return problems.size();
  }

  private ConfigNode required(String key) {
    ConfigNode v = get(key);
    if (v == null) {
      problems.add(new Problem(file, node.path() + "." + key, node.line(), node.column(),
          "missing field '" + key + "'"));
    }
    return v;
  }

  /** A required string; null (reported) if missing or not a string. */
  public String string(String key) {
    ConfigNode v = required(key);
    return v == null ? null : asString(v);
  }

  /** An optional string. */
  public String string(String key, String defaultValue) {
    ConfigNode v = get(key);
    if (v == null) {
      return defaultValue;
    }
    String s = asString(v);
    return s == null ? defaultValue : s;
  }

  private String asString(ConfigNode v) {
    if (v.kind() != ConfigNode.Kind.STRING) {
      problem(v, "expected a string, found " + v.describe());
      return null;
    }
    return (String) v.value();
  }

  /** One of {@code allowed} (optional). */
  public String choice(String key, String defaultValue, List<String> allowed) {
    String s = string(key, null);
    if (s == null) {
      return defaultValue;
    }
    if (!allowed.contains(s)) {
      problem(key, "'" + s + "' is not one of " + allowed);
      return defaultValue;
    }
    return s;
  }

  /** A required integral number within [min, max]; {@code min} (reported) if wrong. */
  public long longValue(String key, long min, long max) {
    ConfigNode v = required(key);
    return v == null ? min : asLong(v, min, max, min);
  }

  /** An optional integral number within [min, max]. */
  public long longValue(String key, long defaultValue, long min, long max) {
    ConfigNode v = get(key);
    return v == null ? defaultValue : asLong(v, min, max, defaultValue);
  }

  private long asLong(ConfigNode v, long min, long max, long fallback) {
    if (v.kind() != ConfigNode.Kind.NUMBER || !(v.value() instanceof Long)) {
      problem(v, "expected an integer, found " + v.describe());
      return fallback;
    }
    long l = (Long) v.value();
    if (l < min || l > max) {
      problem(v, "must be between " + min + " and " + max + ", was " + l);
      return fallback;
    }
    return l;
  }

  /**
   * A duration in milliseconds: an integer of milliseconds, or a string such as {@code 500ms},
   * {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d}.
   */
  public long millis(String key, long defaultValue, long min) {
    ConfigNode v = get(key);
    if (v == null) {
      return defaultValue;
    }
    return asMillis(v, min, defaultValue);
  }

  /** A required duration in milliseconds (see {@link #millis(String, long, long)}). */
  public long millis(String key, long min) {
    ConfigNode v = required(key);
    return v == null ? min : asMillis(v, min, min);
  }

  private long asMillis(ConfigNode v, long min, long fallback) {
    long ms;
    if (v.kind() == ConfigNode.Kind.NUMBER && v.value() instanceof Long l) {
      ms = l;
    } else if (v.kind() == ConfigNode.Kind.STRING) {
      Long parsed = parseDuration((String) v.value());
      if (parsed == null) {
        problem(v, "cannot read the duration \"" + v.value() + "\"; use e.g. 500ms, 10s, 5m, 1h, 2d");
        return fallback;
      }
      ms = parsed;
    } else {
      problem(v, "expected a duration (milliseconds or e.g. \"10s\"), found " + v.describe());
      return fallback;
    }
    if (ms < min) {
      problem(v, "must be at least " + min + " ms, was " + ms);
      return fallback;
    }
    return ms;
  }

  static Long parseDuration(String s) {
    String t = s.strip();
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    double n;
    try {
      n = Double.parseDouble(t.substring(0, i));
    } catch (NumberFormatException e) {
      return null;
    }
    double factor = switch (t.substring(i).strip()) {
      case "ms" -> 1;
      case "s" -> 1000;
      case "m", "min" -> 60_000;
      case "h" -> 3_600_000;
      case "d" -> 86_400_000;
      default -> -1;
    };
    return factor < 0 ? null : (long) Math.rint(n * factor);
  }

  /** An optional number (integers widen). */
  public double doubleValue(String key, double defaultValue, double min, double max) {
    ConfigNode v = get(key);
    if (v == null) {
      return defaultValue;
    }
    return asDouble(v, min, max, defaultValue);
  }

  /** A required number (integers widen). */
  public double doubleValue(String key, double min, double max) {
    ConfigNode v = required(key);
    return v == null ? min : asDouble(v, min, max, min);
  }

  private double asDouble(ConfigNode v, double min, double max, double fallback) {
    if (v.kind() != ConfigNode.Kind.NUMBER) {
      problem(v, "expected a number, found " + v.describe());
      return fallback;
    }
    double d = ((Number) v.value()).doubleValue();
    if (!(d >= min && d <= max)) {
      problem(v, "must be between " + min + " and " + max + ", was " + d);
      return fallback;
    }
    return d;
  }

  /** An optional boolean. */
  public boolean bool(String key, boolean defaultValue) {
    ConfigNode v = get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.kind() != ConfigNode.Kind.BOOLEAN) {
      problem(v, "expected true or false, found " + v.describe());
      return defaultValue;
    }
    return (Boolean) v.value();
  }

  /** A list of strings: a string alone or an array of strings; empty if absent. */
  public List<String> strings(String key) {
    ConfigNode v = get(key);
    if (v == null) {
      return List.of();
    }
    if (v.kind() == ConfigNode.Kind.STRING) {
      return List.of((String) v.value());
    }
    if (v.kind() != ConfigNode.Kind.ARRAY) {
      problem(v, "expected a string or an array of strings, found " + v.describe());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode e : v.elements()) {
      String s = asString(e);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * A field name that must exist in {@code schema}, optionally of one of {@code types}; null
   * (reported) otherwise.
   */
  public String field(String key, RecordSchema schema, FieldType... types) {
    String name = string(key);
    if (name == null) {
      return null;
    }
    return checkField(get(key), name, schema, types) ? name : null;
  }

  /** Checks that {@code name} (read from {@code at}) names a field of {@code schema}. */
  public boolean checkField(ConfigNode at, String name, RecordSchema schema, FieldType... types) {
    int slot = schema.slot(name);
    if (slot < 0) {
      problem(at, "unknown field '" + name + "'; fields here: " + schema.names());
      return false;
    }
    if (types.length > 0 && !List.of(types).contains(schema.type(slot))) {
      problem(at, "the field '" + name + "' has type " + schema.type(slot) + "; expected "
          + (types.length == 1 ? types[0] : List.of(types)));
      return false;
    }
    return true;
  }

  /**
   * An expression compiled against {@code schema}, required; if {@code type} is given, the
   * expression must have it ({@link FieldType#DOUBLE} also accepts long expressions). Null
   * (reported, at the offending character) if it does not compile.
   */
  public Expression expression(String key, RecordSchema schema, FieldType type) {
    ConfigNode v = required(key);
    return v == null ? null : expression(v, schema, type);
  }

  /** As {@link #expression(String, RecordSchema, FieldType)}, for a given node. */
  public Expression expression(ConfigNode v, RecordSchema schema, FieldType type) {
    String text = asString(v);
    if (text == null) {
      return null;
    }
    try {
      Expression e = Expression.compile(text, schema);
      if (type != null && e.type() != type
          && !(type == FieldType.DOUBLE && e.type() == FieldType.LONG)) {
        problem(v, "the expression \"" + text + "\" has type " + e.type() + "; expected " + type);
        return null;
      }
      return e;
    } catch (ExpressionException e) {
      // The column of the offending character, when the string sits on one line of the file.
      int col = v.column() + 1 + e.offset();
      problems.add(new Problem(file, v.path(), v.line(), col,
          "bad expression \"" + text + "\": " + e.getMessage() + " (at character " + (e.offset() + 1) + ")"));
      return null;
    }
  }

  /** A path resolved against the pipeline file's directory; "-" stays "-" (stdin/stdout). */
  public Path path(String key) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    return s.equals("-") ? Path.of("-") : baseDirectory.resolve(s);
  }

  /**
   * A schema declared as an object {@code {"field": "type", ...}} (required): field order is
   * kept.
   */
  public RecordSchema schema(String key) {
    ConfigNode v = required(key);
    if (v == null) {
      return null;
    }
    if (v.kind() != ConfigNode.Kind.OBJECT || v.fields().isEmpty()) {
      problem(v, "expected an object of field names to types, e.g. {\"id\": \"string\"}, found " + v.describe());
      return null;
    }
    Map<String, FieldType> fields = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, ConfigNode> e : v.fields().entrySet()) {
      ConfigNode t = e.getValue();
      FieldType ft = t.kind() == ConfigNode.Kind.STRING ? FieldType.fromText((String) t.value()) : null;
      if (ft == null) {
        problem(t, "unknown type " + t.describe() + " for field '" + e.getKey()
            + "'; types: string, long, double, boolean, any");
        ok = false;
      } else {
        fields.put(e.getKey(), ft);
      }
    }
    return ok ? RecordSchema.of(fields) : null;
  }

  /** A nested object (optional), itself checked for unknown fields; null if absent. */
  public StageConfig object(String key) {
    ConfigNode v = get(key);
    if (v == null) {
      return null;
    }
    if (v.kind() != ConfigNode.Kind.OBJECT) {
      problem(v, "expected an object, found " + v.describe());
      return null;
    }
    return child(v);
  }

  /** A required array of objects, each checked for unknown fields. */
  public List<StageConfig> objects(String key) {
    ConfigNode v = required(key);
    if (v == null) {
      return List.of();
    }
    if (v.kind() != ConfigNode.Kind.ARRAY) {
      problem(v, "expected an array of objects, found " + v.describe());
      return List.of();
    }
    List<StageConfig> out = new ArrayList<>();
    for (ConfigNode e : v.elements()) {
      if (e.kind() != ConfigNode.Kind.OBJECT) {
        problem(e, "expected an object, found " + e.describe());
      } else {
        out.add(child(e));
      }
    }
    return out;
  }

  /** A config over another object node (checked for unknown fields like this one). */
  public StageConfig child(ConfigNode object) {
    StageConfig c = new StageConfig(file, object, baseDirectory, options, problems);
    children.add(c);
    return c;
  }

  /** Marks {@code keys} as read (fields handled by the loader rather than the factory). */
  void markRead(Set<String> keys) {
    read.addAll(keys);
  }

  /** Marks every field of this object as read. */
  void markAllRead() {
    read.addAll(node.fields().keySet());
  }

  /** Reports every field of this object and its children that nobody read. */
  void reportUnknown() {
    for (Map.Entry<String, ConfigNode> e : node.fields().entrySet()) {
      if (!read.contains(e.getKey())) {
        List<String> known = new ArrayList<>(read);
        problem(e.getValue(), "unknown field '" + e.getKey() + "'"
            + (known.isEmpty() ? "" : "; fields here: " + known));
      }
    }
    for (StageConfig c : children) {
      c.reportUnknown();
    }
  }
}
