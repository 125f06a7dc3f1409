package dev.sluice.pipeline.internal.stages;

import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code keyBy} fields of a keyed stage: slots resolved once; the key of a record is the
 * field's value (one field) or a list of the values (several; lists hash stably across JVMs).
 */
final class KeyFields {
  final List<String> names;
  final int[] slots;
  final FieldType[] types;

  private KeyFields(List<String> names, int[] slots, FieldType[] types) {
    this.names = names;
    this.slots = slots;
    this.types = types;
  }

  /** Reads {@code keyBy}; null (reported) if a field is unknown; empty if absent. */
  static KeyFields compile(StageConfig c, RecordSchema input) {
    return compile(c, "keyBy", input);
  }

  /** Reads the key fields of {@code key}; null (reported) if a field is unknown; empty if absent. */
  static KeyFields compile(StageConfig c, String key, RecordSchema input) {
    List<String> names = c.strings(key);
    int before = c.problemCount();
    int[] slots = new int[names.size()];
    FieldType[] types = new FieldType[names.size()];
    for (int i = 0; i < slots.length; i++) {
      if (c.checkField(c.get(key), names.get(i), input)) {
        slots[i] = input.slot(names.get(i));
        types[i] = input.type(slots[i]);
      }
    }
    return c.problemCount() == before ? new KeyFields(List.copyOf(names), slots, types) : null;
  }

  boolean isEmpty() {
    return slots.length == 0;
  }

  /** The key function. */
  Function<Record, Object> keyFunction() {
    int[] s = slots;
    if (s.length == 1) {
      int slot = s[0];
      return r -> r.get(slot);
    }
    return r -> {
      Object[] k = new Object[s.length];
      for (int i = 0; i < s.length; i++) {
        k[i] = r.get(s[i]);
      }
      return Arrays.asList(k);
    };
  }

  /** Writes the key's fields into {@code values} from {@code offset}. */
  void unpack(Object key, Object[] values, int offset) {
    if (slots.length == 1) {
      values[offset] = key;
      return;
    }
    List<?> k = (List<?>) key;
    for (int i = 0; i < slots.length; i++) {
      values[offset + i] = k.get(i);
    }
  }

  /** Adds the key fields to {@code b}. */
  void addTo(RecordSchema.Builder b) {
    for (int i = 0; i < slots.length; i++) {
      b.add(names.get(i), types[i]);
    }
  }
}
