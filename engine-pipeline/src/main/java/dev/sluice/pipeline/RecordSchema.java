package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of the records flowing on one edge of a file pipeline: names, types and slot
 * indexes, fixed when the file is validated. Stages resolve a field name to its slot once, when
 * they are compiled, and read {@link Record#get(int)} per event: no name lookup per event.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordSchema {
  private final String[] names;
  private final FieldType[] types;
  private final Map<String, Integer> slots;

  private RecordSchema(String[] names, FieldType[] types) {
    this.names = names;
    this.types = types;
    Map<String, Integer> m = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      if (m.put(names[i], i) != null) {
        throw new IllegalArgumentException("field '" + names[i] + "' is declared twice");
      }
    }
    this.slots = m;
  }

  /**
   * A schema of {@code fields} in iteration order.
   *
   * @throws IllegalArgumentException if a name is blank or repeated
   */
  public static RecordSchema of(Map<String, FieldType> fields) {
    String[] n = new String[fields.size()];
    FieldType[] t = new FieldType[fields.size()];
    int i = 0;
    for (Map.Entry<String, FieldType> e : fields.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException("a field name must not be blank");
      }
      n[i] = e.getKey();
      t[i++] = Objects.requireNonNull(e.getValue(), "type");
    }
    return new RecordSchema(n, t);
  }

  /** A builder adding fields in order. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of fields. */
  public int size() {
    return names.length;
  }

  /** The name of the field in {@code slot}. */
  public String name(int slot) {
    return names[slot];
  }

  /** The type of the field in {@code slot}. */
  public FieldType type(int slot) {
    return types[slot];
  }

  /** The slot of the field {@code name}, or -1 if the schema has no such field. */
  public int slot(String name) {
    Integer s = slots.get(name);
    return s == null ? -1 : s;
  }

  /** The field names in slot order. */
  public List<String> names() {
    return Collections.unmodifiableList(Arrays.asList(names));
  }

  /** The fields in slot order, as an unmodifiable ordered map. */
  public Map<String, FieldType> fields() {
    Map<String, FieldType> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], types[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordSchema s
        && Arrays.equals(names, s.names)
        && Arrays.equals(types, s.types);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(names) * 31 + Arrays.hashCode(types);
  }

  /** {@code {name: type, ...}}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      b.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(types[i]);
    }
    return b.append('}').toString();
  }

  /** Adds fields in order; not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<FieldType> types = new ArrayList<>();

    private Builder() {}

    /** Adds a field; a name already present is replaced in place (its slot is kept). */
    public Builder add(String name, FieldType type) {
      int i = names.indexOf(name);
      if (i >= 0) {
        types.set(i, type);
      } else {
        names.add(name);
        types.add(type);
      }
      return this;
    }

    /** Adds every field of {@code schema}. */
    public Builder addAll(RecordSchema schema) {
      for (int i = 0; i < schema.size(); i++) {
        add(schema.name(i), schema.type(i));
      }
      return this;
    }

    /** True if a field of that name was added. */
    public boolean has(String name) {
      return names.contains(name);
    }

    /** The schema. */
    public RecordSchema build() {
      return new RecordSchema(names.toArray(new String[0]), types.toArray(new FieldType[0]));
    }
  }
}
