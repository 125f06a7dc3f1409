package dev.sluice.pipeline.internal.stages;

import dev.sluice.pipeline.ConfigNode;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record-to-record mapping compiled from {@code keep}, {@code drop} and {@code set}: each output
 * slot either copies an input slot or evaluates an expression over the input record. Every
 * expression sees the input record, not the fields set beside it. Immutable, thread-safe.
 */
final class Projection {
  final RecordSchema output;
  private final int[] copyFrom;
  private final Expression[] expressions;

  private Projection(RecordSchema output, int[] copyFrom, Expression[] expressions) {
    this.output = output;
    this.copyFrom = copyFrom;
    this.expressions = expressions;
  }

  /** Compiles the projection of {@code c} over {@code input}; null if a problem was reported. */
  static Projection compile(StageConfig c, RecordSchema input) {
    int before = c.problemCount();
    List<String> keep = c.strings("keep");
    List<String> drop = c.strings("drop");
    if (!keep.isEmpty() && !drop.isEmpty()) {
      c.problem("drop", "give either 'keep' or 'drop', not both");
    }
    for (String f : keep) {
      c.checkField(c.get("keep"), f, input);
    }
    for (String f : drop) {
      c.checkField(c.get("drop"), f, input);
    }
    RecordSchema.Builder b = RecordSchema.builder();
    List<Integer> from = new ArrayList<>();
    List<Expression> exprs = new ArrayList<>();
    List<String> base = keep.isEmpty() ? input.names() : keep;
    for (String f : base) {
      int slot = input.slot(f);
      if (slot >= 0 && !drop.contains(f) && !b.has(f)) {
        b.add(f, input.type(slot));
        from.add(slot);
        exprs.add(null);
      }
    }
    ConfigNode set = c.get("set");
    if (set != null) {
      if (set.kind() != ConfigNode.Kind.OBJECT) {
        c.problem(set, "expected an object of field names to expressions, found " + set.describe());
      } else {
        for (Map.Entry<String, ConfigNode> e : set.fields().entrySet()) {
          Expression x = c.expression(e.getValue(), input, null);
          if (x == null) {
            continue;
          }
          FieldType t = x.type();
          List<String> names = namesOf(b);
          int existing = names.indexOf(e.getKey());
          b.add(e.getKey(), t);
          if (existing >= 0) {
            from.set(existing, -1);
            exprs.set(existing, x);
          } else {
            from.add(-1);
            exprs.add(x);
          }
        }
      }
    }
    if (c.problemCount() != before) {
      return null;
    }
    RecordSchema out = b.build();
    if (out.size() == 0) {
      c.problem(c.node(), "the output would have no fields");
      return null;
    }
    int[] f = new int[from.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = from.get(i);
    }
    return new Projection(out, f, exprs.toArray(new Expression[0]));
  }

  private static List<String> namesOf(RecordSchema.Builder b) {
    return b.build().names();
  }

  /** The mapped record. */
  Record apply(Record in) {
    Object[] v = new Object[copyFrom.length];
    for (int i = 0; i < v.length; i++) {
      int s = copyFrom[i];
      v[i] = s >= 0 ? in.get(s) : expressions[i].evaluate(in);
    }
    return new Record(output, v);
  }

  /** True if every field is copied unchanged from an identical input (an identity mapping). */
  boolean isIdentity(RecordSchema input) {
    if (!output.equals(input)) {
      return false;
    }
    for (int i = 0; i < copyFrom.length; i++) {
      if (copyFrom[i] != i) {
        return false;
      }
    }
    return true;
  }
}
