package dev.sluice.pipeline;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a file pipeline: a {@link RecordSchema} shared by every record of an edge and one
 * array of values indexed by slot. Values are {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, null, or (fields of type {@link FieldType#ANY}) lists and maps.
 *
 * <p>A record is immutable once emitted: stages that change fields build a new record. Sharing
 * one record between several downstream stages (fan-out) is therefore safe. {@link #equals} and
 * {@link #hashCode} compare schema field names and values.
 *
 * <p>Allocation: the record and its value array; no map per event.
 */
public final class Record {
  private final RecordSchema schema;
  private final Object[] values;

  /**
   * A record over {@code values}, which it keeps (not copied): the caller must not change the
   * array afterwards.
   *
   * @throws IllegalArgumentException if the array's length is not the schema's size
   */
  public Record(RecordSchema schema, Object[] values) {
    this.schema = Objects.requireNonNull(schema, "schema");
    if (values.length != schema.size()) {
      throw new IllegalArgumentException(
          "a record of " + schema.size() + " fields got " + values.length + " values");
    }
    this.values = values;
  }

  /** The schema. */
  public RecordSchema schema() {
    return schema;
  }

  /** The value in {@code slot}, possibly null. */
  public Object get(int slot) {
    return values[slot];
  }

  /**
   * The value of field {@code name} (a lookup by name: for tools and tests; stages resolve slots
   * once).
   *
   * @throws IllegalArgumentException if the schema has no such field
   */
  public Object get(String name) {
    int slot = schema.slot(name);
    if (slot < 0) {
      throw new IllegalArgumentException("no field '" + name + "' in " + schema);
    }
    return values[slot];
  }

  /** The number of fields. */
  public int size() {
    return values.length;
  }

  /** A copy of the values. */
  public Object[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r
        && schema.names().equals(r.schema.names())
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** {@code {name=value, ...}}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(schema.name(i)).append('=').append(values[i]);
    }
    return b.append('}').toString();
  }
}
