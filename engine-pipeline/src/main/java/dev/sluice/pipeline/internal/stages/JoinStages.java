package dev.sluice.pipeline.internal.stages;

import dev.sluice.cep.join.JoinType;
import dev.sluice.cep.join.Joins;
import dev.sluice.cep.join.StreamJoin;
import dev.sluice.cep.join.TableJoin;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.ConfigNode;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import dev.sluice.windowing.WindowAssigner;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The join stages of engine-cep ({@code dev.sluice.cep.join}) in pipeline files: {@code join}
 * (stream–stream, windowed or interval; inputs {@code left} and {@code right}) and {@code enrich}
 * (stream–table from a changelog stream; inputs {@code input} and {@code table}). Key fields are
 * resolved to slots when the file is loaded; output records are built from slot copies.
 */
public final class JoinStages {
  private JoinStages() {}

  /** Key fields of both sides, checked to be as many and of the same types (keys must be equal to meet). */
  private static KeyFields[] keys(StageConfig c, String leftKey, String rightKey,
      RecordSchema left, RecordSchema right) {
    String lk = leftKey;
    String rk = rightKey;
    if (leftKey.equals("keyBy")) { // enrich: the stream's keyBy, the table's tableKey or the same names
      if (!c.has("keyBy")) {
        c.problem("keyBy", "missing field 'keyBy': the key fields of the input (the table's are "
            + "'" + rightKey + "', by default the same names)");
        return null;
      }
      rk = c.has(rightKey) ? rightKey : "keyBy";
    } else if (c.has("keyBy")) {
      if (c.has(leftKey) || c.has(rightKey)) {
        c.problem("keyBy", "give either 'keyBy' (the same fields on both sides) or '" + leftKey
            + "' and '" + rightKey + "', not both");
        return null;
      }
      lk = "keyBy";
      rk = "keyBy";
    } else if (!c.has(leftKey) || !c.has(rightKey)) {
      String missing = !c.has(leftKey) ? leftKey : rightKey;
      c.problem(missing, "missing field '" + missing + "': the key fields of that side (or 'keyBy' "
          + "for fields named the same on both sides)");
      return null;
    }
    int before = c.problemCount();
    c.strings(lk);
    if (!rk.equals(lk)) {
      c.strings(rk);
    }
    if (c.problemCount() != before) {
      return null; // not a string or a list of strings (reported once)
    }
    KeyFields l = KeyFields.compile(c, lk, left);
    if (l == null && lk.equals(rk)) {
      return null; // the same names would be reported again for the right side
    }
    KeyFields r = KeyFields.compile(c, rk, right);
    if (l == null || r == null) {
      return null;
    }
    if (l.isEmpty() || r.isEmpty()) {
      c.problem(lk, "a join needs at least one key field");
      return null;
    }
    if (l.slots.length != r.slots.length) {
      c.problem(rk, "the left side is keyed by " + l.names + " but the right side by " + r.names
          + ": give as many key fields on both sides");
      return null;
    }
    for (int i = 0; i < l.slots.length; i++) {
      if (l.types[i] != r.types[i]) {
        c.problem(rk, "the key fields differ in type: left '" + l.names.get(i) + "' is "
            + l.types[i] + ", right '" + r.names.get(i) + "' is " + r.types[i]
            + "; keys meet only when equal, so they must have the same type (convert one with a map stage)");
        return null;
      }
    }
    return new KeyFields[] {l, r};
  }

  private static boolean isKeySlot(KeyFields k, int slot) {
    for (int s : k.slots) {
      if (s == slot) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the non-key fields of {@code side} with {@code prefix}; false (reported at {@code
   * prefixKey}) on a duplicate name.
   */
  private static boolean addOthers(StageConfig c, RecordSchema.Builder b, RecordSchema side,
      KeyFields key, String prefix, String prefixKey, int[] slotsOut) {
    int j = 0;
    for (int s = 0; s < side.size(); s++) {
      if (key != null && isKeySlot(key, s)) {
        continue;
      }
      String name = prefix + side.name(s);
      if (b.has(name)) {
        c.problem(prefixKey, "the output would have two fields '" + name + "'; give '" + prefixKey
            + "' (e.g. \"" + (prefixKey.startsWith("left") ? "left_" : prefixKey.startsWith("right")
                ? "right_" : "table_") + "\") to tell them apart");
        return false;
      }
      b.add(name, side.type(s));
      slotsOut[j++] = s;
    }
    return true;
  }

  private static int[] othersSlots(RecordSchema side, KeyFields key) {
    int n = side.size() - (key == null ? 0 : key.slots.length);
    return new int[n];
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * {@code join}: two streams by key, within a window (tumbling, sliding, session; inner, left,
   * right or full outer) or an interval ({@code between}; inner). Output: the key fields, the
   * left's other fields, the right's other fields (null on the missing side of an outer row).
   */
  public static final class Join implements StageFactory {
    @Override
    public String type() {
      return "join";
    }

    @Override
    public Role role() {
      return Role.OPERATOR;
    }

    @Override
    public String summary() {
      return "two streams by key within a window (inner/left/right/full) or an interval ('between')";
    }

    @Override
    public List<String> inputFields() {
      return List.of("left", "right");
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      throw new UnsupportedOperationException("a join has two inputs");
    }

    @Override
    public CompiledStage compile(StageConfig c, List<RecordSchema> inputs) {
      RecordSchema left = inputs.get(0);
      RecordSchema right = inputs.get(1);
      int before = c.problemCount();
      KeyFields[] k = keys(c, "leftKey", "rightKey", left, right);
      String jt = c.choice("joinType", "inner", List.of("inner", "left", "right", "full"));
      String leftPrefix = c.string("leftPrefix", "");
      String rightPrefix = c.string("rightPrefix", "");
      WindowAssigner<Object> assigner = null;
      long lower = 0;
      long upper = 0;
      boolean interval = c.has("between");
      if (interval && c.has("window")) {
        c.problem("between", "give either 'window' or 'between', not both");
        return null;
      }
      if (interval) {
        StageConfig b = c.object("between");
        if (b != null) {
          lower = b.millis("lower", -Long.MAX_VALUE / 4);
          upper = b.millis("upper", -Long.MAX_VALUE / 4);
          if (b.has("lower") && b.has("upper") && lower > upper && c.problemCount() == before) {
            b.problem("upper", "the interval is empty: lower (" + lower + " ms) > upper (" + upper + " ms)");
          }
        }
        if (!"inner".equals(jt)) {
          c.problem("joinType", "an interval join ('between') is inner only; outer joins need a 'window'");
        }
      } else {
        StageConfig w = c.object("window");
        if (w == null) {
          if (!c.has("window")) {
            c.problem("window", "missing field 'window' (e.g. {\"type\": \"tumbling\", \"size\": \"1m\"}) "
                + "or 'between' ({\"lower\": 0, \"upper\": \"15m\"}): say how events meet");
          }
        } else {
          assigner = WindowStage.assigner(w);
        }
      }
      if (k == null || c.problemCount() != before) {
        return null;
      }
      KeyFields lk = k[0];
      KeyFields rk = k[1];
      RecordSchema.Builder b = RecordSchema.builder();
      lk.addTo(b);
      int[] lOthers = othersSlots(left, lk);
      int[] rOthers = othersSlots(right, rk);
      if (!addOthers(c, b, left, lk, leftPrefix, "leftPrefix", lOthers)
          || !addOthers(c, b, right, rk, rightPrefix, "rightPrefix", rOthers)) {
        return null;
      }
      RecordSchema out = b.build();
      JoinType type = switch (jt) {
        case "left" -> JoinType.LEFT_OUTER;
        case "right" -> JoinType.RIGHT_OUTER;
        case "full" -> JoinType.FULL_OUTER;
        default -> JoinType.INNER;
      };
      WindowAssigner<Object> windows = assigner;
      long lo = lower;
      long up = upper;
      int keyCount = lk.slots.length;
      int[] lKeys = lk.slots;
      int[] rKeys = rk.slots;
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return out;
        }

        @Override
        public Stage<Record> apply(List<Stage<Record>> in, StageSettings settings) {
          KeyedStage<Object, Record> l = in.get(0).keyBy(lk.keyFunction());
          KeyedStage<Object, Record> r = in.get(1).keyBy(rk.keyFunction());
          StreamJoin<Object, Record, Record> j = Joins.join(l, r).type(type);
          j = windows != null ? j.window(windows)
              : j.between(Duration.ofMillis(lo), Duration.ofMillis(up));
          Stage<Record> joined = j.apply(settings.name(), (a, z) -> {
            Object[] v = new Object[out.size()];
            Record keySide = a != null ? a : z;
            int[] ks = a != null ? lKeys : rKeys;
            for (int i = 0; i < keyCount; i++) {
              v[i] = keySide.get(ks[i]);
            }
            int p = keyCount;
            for (int s : lOthers) {
              v[p++] = a == null ? null : a.get(s);
            }
            for (int s : rOthers) {
              v[p++] = z == null ? null : z.get(s);
            }
            return new Record(out, v);
          });
          return settings.applyTo(joined);
        }

        @Override
        public boolean keyed() {
          return true;
        }

        @Override
        public String describe() {
          return jt + " join on " + lk.names + " = " + rk.names + " "
              + (windows != null ? windows.toString() : "between " + lo + " and " + up + " ms");
        }
      };
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * {@code enrich}: each event of {@code input} joined with the current row of its key in a table
   * built from the changelog stream {@code table} (upserts; a change matching {@code delete} is a
   * tombstone). Output: the input's fields, then the table's non-key fields (null in a left join
   * without a row).
   */
  public static final class Enrich implements StageFactory {
    @Override
    public String type() {
      return "enrich";
    }

    @Override
    public Role role() {
      return Role.OPERATOR;
    }

    @Override
    public String summary() {
      return "each event joined with its key's current row of a table built from a changelog stream";
    }

    @Override
    public List<String> inputFields() {
      return List.of("input", "table");
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      throw new UnsupportedOperationException("enrich has two inputs");
    }

    @Override
    public CompiledStage compile(StageConfig c, List<RecordSchema> inputs) {
      RecordSchema stream = inputs.get(0);
      RecordSchema table = inputs.get(1);
      int before = c.problemCount();
      KeyFields[] k = keys(c, "keyBy", "tableKey", stream, table);
      String jt = c.choice("joinType", "inner", List.of("inner", "left"));
      String prefix = c.string("tablePrefix", "");
      long ttl = c.millis("ttl", 0, 1);
      long wait = waitForRow(c);
      Expression delete = c.has("delete") ? c.expression("delete", table, FieldType.BOOLEAN) : null;
      if (k == null || c.problemCount() != before) {
        return null;
      }
      KeyFields sk = k[0];
      KeyFields tk = k[1];
      RecordSchema.Builder b = RecordSchema.builder().addAll(stream);
      int[] tOthers = othersSlots(table, tk);
      if (!addOthers(c, b, table, tk, prefix, "tablePrefix", tOthers)) {
        return null;
      }
      RecordSchema out = b.build();
      int streamSize = stream.size();
      boolean leftJoin = jt.equals("left");
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return out;
        }

        @Override
        public Stage<Record> apply(List<Stage<Record>> in, StageSettings settings) {
          Function<Record, Object> sKey = sk.keyFunction();
          Function<Record, Object> tKey = tk.keyFunction();
          Function<Record, Record> row = delete == null ? r -> r : r -> delete.test(r) ? null : r;
          TableJoin<Object, Record, Record> j =
              Joins.enrich(in.get(0), sKey).withChangelog(in.get(1), tKey, row);
          j = leftJoin ? j.left() : j.inner();
          if (ttl > 0) {
            j = j.ttl(Duration.ofMillis(ttl));
          }
          if (wait >= 0) {
            j = j.waitForRow(wait == Long.MAX_VALUE ? ChronoUnit.FOREVER.getDuration()
                : Duration.ofMillis(wait));
          }
          Stage<Record> joined = j.apply(settings.name(), (e, t) -> {
            Object[] v = new Object[out.size()];
            for (int i = 0; i < streamSize; i++) {
              v[i] = e.get(i);
            }
            if (t != null) {
              int p = streamSize;
              for (int s : tOthers) {
                v[p++] = t.get(s);
              }
            }
            return new Record(out, v);
          });
          return settings.applyTo(joined);
        }

        @Override
        public boolean keyed() {
          return true;
        }

        @Override
        public String describe() {
          return jt + " enrich on " + sk.names + " = table " + tk.names
              + (delete == null ? "" : ", delete when " + delete.text());
        }
      };
    }

    /** {@code waitForRow}: a duration or "forever"; -1 if absent. */
    private static long waitForRow(StageConfig c) {
      ConfigNode v = c.get("waitForRow");
      if (v == null) {
        return -1;
      }
      if (v.kind() == ConfigNode.Kind.STRING && "forever".equals(v.value())) {
        return Long.MAX_VALUE;
      }
      return c.millis("waitForRow", -1, 0);
    }
  }
}
