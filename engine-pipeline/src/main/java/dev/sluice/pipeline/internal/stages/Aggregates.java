package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.windowing.aggregate.Aggregations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code aggregates} of an aggregate or window stage, compiled into one {@link
 * AggregateOperation} ({@link Aggregations#allOf(List)}) whose result lists the values in order.
 * Every operation of engine-windowing is reachable by name; a null (or NaN) input value is skipped
 * (as SQL aggregates skip NULL), except by {@code count} without a field, which counts records.
 */
final class Aggregates {
  static final List<String> OPS =
      List.of("count", "sum", "avg", "min", "max", "first", "last", "firstByTime", "lastByTime",
          "minBy", "maxBy", "percentile", "median", "variance", "sampleVariance", "stddev",
          "sampleStddev", "distinctCount", "topN", "countBy");

  final AggregateOperation<Record, ?, List<Object>> operation;
  final List<String> names;
  final List<FieldType> types;
  final List<String> descriptions;

  private Aggregates(AggregateOperation<Record, ?, List<Object>> operation, List<String> names,
      List<FieldType> types, List<String> descriptions) {
    this.operation = operation;
    this.names = names;
    this.types = types;
    this.descriptions = descriptions;
  }

  /** Compiles {@code aggregates} of {@code c}; null if a problem was reported. */
  static Aggregates compile(StageConfig c, RecordSchema input, RecordSchema.Builder taken) {
    List<StageConfig> specs = c.objects("aggregates");
    int before = c.problemCount();
    if (specs.isEmpty() && c.has("aggregates") && c.problemCount() == before) {
      c.problem("aggregates", "list at least one aggregate, e.g. {\"name\": \"n\", \"op\": \"count\"}");
    }
    List<AggregateOperation<? super Record, ?, ?>> ops = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<FieldType> types = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (StageConfig s : specs) {
      String name = s.string("name");
      String op = s.choice("op", null, OPS);
      if (op == null && !s.has("op")) {
        s.problem("op", "missing field 'op'; operations: " + OPS);
      }
      if (name == null || op == null) {
        continue;
      }
      if (taken.has(name) || names.contains(name)) {
        s.problem("name", "the output already has a field '" + name + "'");
        continue;
      }
      Built b = build(s, op, input);
      if (b == null) {
        continue;
      }
      ops.add(b.op);
      names.add(name);
      types.add(b.type);
      descriptions.add(name + "=" + b.text);
    }
    if (c.problemCount() != before || ops.isEmpty()) {
      return null;
    }
    return new Aggregates(Aggregations.allOf(ops), List.copyOf(names), List.copyOf(types),
        List.copyOf(descriptions));
  }

  private record Built(AggregateOperation<? super Record, ?, ?> op, FieldType type, String text) {}

  /** The value expression: {@code field} or {@code expr}; null (reported) if neither or bad. */
  private static Expression value(StageConfig s, String key, RecordSchema input, boolean numeric) {
    boolean hasField = s.has(key);
    boolean hasExpr = key.equals("field") && s.has("expr");
    if (hasField && hasExpr) {
      s.problem("expr", "give either 'field' or 'expr', not both");
      return null;
    }
    if (hasExpr) {
      Expression e = s.expression("expr", input, null);
      if (e != null && numeric && !e.type().numeric()) {
        s.problem("expr", "this operation takes a number; the expression has type " + e.type());
        return null;
      }
      return e;
    }
    String field = numeric ? s.field(key, input, FieldType.LONG, FieldType.DOUBLE) : s.field(key, input);
    if (field == null) {
      return null;
    }
    return Expression.compile("`" + field + "`", input);
  }

  private static Built build(StageConfig s, String op, RecordSchema input) {
    switch (op) {
      case "count" -> {
        if (s.has("field") || s.has("expr")) {
          Expression v = value(s, "field", input, false);
          return v == null ? null : new Built(skipNulls(v, Aggregations.counting()), FieldType.LONG, "count(" + v.text() + ")");
        }
        return new Built(Aggregations.<Record>counting(), FieldType.LONG, "count()");
      }
      case "sum", "avg", "min", "max", "variance", "sampleVariance", "stddev", "sampleStddev",
          "percentile", "median" -> {
        Expression v = value(s, "field", input, true);
        if (v == null) {
          return null;
        }
        boolean isLong = v.type() == FieldType.LONG;
        String text = op + "(" + v.text() + ")";
        switch (op) {
          case "sum" -> {
            return isLong
                ? new Built(skipNulls(v, Aggregations.summingLong(r -> ((Long) v.evaluate(r)))), FieldType.LONG, text)
                : new Built(skipNulls(v, Aggregations.summingDouble(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          case "avg" -> {
            return isLong
                ? new Built(skipNulls(v, Aggregations.averagingLong(r -> ((Long) v.evaluate(r)))), FieldType.DOUBLE, text)
                : new Built(skipNulls(v, Aggregations.averagingDouble(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          case "min", "max" -> {
            boolean min = op.equals("min");
            if (isLong) {
              return new Built(skipNulls(v, min ? Aggregations.minLong(r -> (Long) v.evaluate(r))
                  : Aggregations.maxLong(r -> (Long) v.evaluate(r))), FieldType.LONG, text);
            }
            return new Built(skipNulls(v, min ? Aggregations.minDouble(v::evaluateDouble)
                : Aggregations.maxDouble(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          case "variance" -> {
            return new Built(skipNulls(v, Aggregations.variance(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          case "sampleVariance" -> {
            return new Built(skipNulls(v, Aggregations.sampleVariance(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          case "stddev" -> {
            return new Built(skipNulls(v, Aggregations.stddev(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          case "sampleStddev" -> {
            return new Built(skipNulls(v, Aggregations.sampleStddev(v::evaluateDouble)), FieldType.DOUBLE, text);
          }
          default -> {
            double p = op.equals("median") ? 50 : s.doubleValue("p", 0, 100);
            return new Built(skipNulls(v, Aggregations.percentile(v::evaluateDouble, p)),
                FieldType.DOUBLE, op.equals("median") ? text : "percentile(" + v.text() + ", " + p + ")");
          }
        }
      }
      case "first", "last" -> {
        Expression v = value(s, "field", input, false);
        if (v == null) {
          return null;
        }
        AggregateOperation<Object, ?, Object> sel = op.equals("first") ? Aggregations.first() : Aggregations.last();
        return new Built(skipNulls(v, Aggregations.mapping((Record r) -> v.evaluate(r), sel)), v.type(),
            op + "(" + v.text() + ")");
      }
      case "firstByTime", "lastByTime" -> {
        Expression v = value(s, "field", input, false);
        Expression t = value(s, "timeField", input, true);
        if (v == null || t == null) {
          return null;
        }
        AggregateOperation<Record, ?, Record> sel = op.equals("firstByTime")
            ? Aggregations.firstByTime((Record r) -> (long) t.evaluateDouble(r))
            : Aggregations.lastByTime((Record r) -> (long) t.evaluateDouble(r));
        return new Built(skipNulls(t, exporting(sel, r -> r == null ? null : v.evaluate(r))), v.type(),
            op + "(" + v.text() + " by " + t.text() + ")");
      }
      case "minBy", "maxBy" -> {
        Expression by = value(s, "field", input, false);
        Expression v = value(s, "value", input, false);
        if (by == null || v == null) {
          return null;
        }
        Comparator<Record> cmp = comparator(by);
        AggregateOperation<Record, ?, Record> sel =
            op.equals("minBy") ? Aggregations.minBy(cmp) : Aggregations.maxBy(cmp);
        return new Built(skipNulls(by, exporting(sel, r -> r == null ? null : v.evaluate(r))), v.type(),
            op + "(" + by.text() + ") -> " + v.text());
      }
      case "distinctCount" -> {
        Expression v = value(s, "field", input, false);
        if (v == null) {
          return null;
        }
        return new Built(skipNulls(v, Aggregations.distinctCount((Record r) -> v.evaluate(r))),
            FieldType.LONG, "distinctCount(" + v.text() + ")");
      }
      case "topN" -> {
        Expression by = value(s, "field", input, false);
        Expression v = s.has("value") ? value(s, "value", input, false) : by;
        int n = (int) s.longValue("n", 1, 10_000);
        if (by == null || v == null) {
          return null;
        }
        AggregateOperation<Record, ?, List<Record>> top = Aggregations.topN(n, comparator(by));
        return new Built(skipNulls(by, exporting(top, list -> {
          List<Object> out = new ArrayList<>(list.size());
          for (Record r : list) {
            out.add(v.evaluate(r));
          }
          return out;
        })), FieldType.ANY, "topN(" + n + ", " + by.text() + ") -> " + v.text());
      }
      case "countBy" -> {
        Expression v = value(s, "field", input, false);
        if (v == null) {
          return null;
        }
        AggregateOperation<Record, ?, java.util.Map<Object, Long>> g =
            Aggregations.groupingBy((Record r) -> v.evaluate(r), Aggregations.counting());
        return new Built(exporting(g, m -> new java.util.TreeMap<>(stringKeys(m))), FieldType.ANY,
            "countBy(" + v.text() + ")");
      }
      default -> throw new IllegalStateException(op);
    }
  }

  private static java.util.Map<String, Long> stringKeys(java.util.Map<Object, Long> m) {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Record> comparator(Expression by) {
    return (a, b) -> {
      Object x = by.evaluate(a);
      Object y = by.evaluate(b);
      if (x == null || y == null) {
        return x == null ? (y == null ? 0 : -1) : 1;
      }
      return ((Comparable) x).compareTo(y);
    };
  }

  /** {@code op} accumulating only records whose {@code value} is not null. */
  private static <A, R> AggregateOperation<Record, A, R> skipNulls(
      Expression value, AggregateOperation<? super Record, A, R> op) {
    return new Wrapped<>(op, value, Function.identity());
  }

  /** {@code op} with its result transformed by {@code export}. */
  private static <A, R, S> AggregateOperation<Record, A, S> exporting(
      AggregateOperation<? super Record, A, R> op, Function<? super R, ? extends S> export) {
    return new Wrapped<>(op, null, export);
  }

  /** Delegates to an operation, skipping null values and transforming the export. */
  private static final class Wrapped<A, R, S> implements AggregateOperation<Record, A, S> {
    private final AggregateOperation<? super Record, A, R> op;
    private final Expression nonNull;
    private final Function<? super R, ? extends S> export;

    Wrapped(AggregateOperation<? super Record, A, R> op, Expression nonNull,
        Function<? super R, ? extends S> export) {
      this.op = op;
      this.nonNull = nonNull;
      this.export = export;
    }

    @Override
    public A create() {
      return op.create();
    }

    @Override
    public void accumulate(A acc, Record item) {
      if (nonNull == null) {
        op.accumulate(acc, item);
        return;
      }
      Object v = nonNull.evaluate(item);
      // null, and NaN (what double arithmetic makes of a missing value), are skipped
      if (v != null && !(v instanceof Double d && d.isNaN())) {
        op.accumulate(acc, item);
      }
    }

    @Override
    public void combine(A acc, A other) {
      op.combine(acc, other);
    }

    @Override
    public boolean canDeduct() {
      return op.canDeduct();
    }

    @Override
    public void deduct(A acc, A other) {
      op.deduct(acc, other);
    }

    @Override
    public S export(A acc) {
      return export.apply(op.export(acc));
    }

    @Override
    public StateCodec<A> accumulatorCodec() {
      return op.accumulatorCodec();
    }
  }
}
