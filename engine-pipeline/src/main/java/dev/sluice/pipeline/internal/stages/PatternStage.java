package dev.sluice.pipeline.internal.stages;

import dev.sluice.cep.AfterMatchSkipStrategy;
import dev.sluice.cep.Cep;
import dev.sluice.cep.CepStage;
import dev.sluice.cep.EventCondition;
import dev.sluice.cep.Match;
import dev.sluice.cep.MatchFunction;
import dev.sluice.cep.Pattern;
import dev.sluice.cep.SimpleCondition;
import dev.sluice.cep.TimedOutMatch;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code cep}: engine-cep's pattern matching ({@code dev.sluice.cep.Pattern}) per key, the pattern
 * written as a list of steps in the seeds' declarative style ({@code eventType} and {@code where}
 * conditions) with the whole pattern language: strict and relaxed contiguity, negations,
 * quantifiers, {@code anyOf}/{@code allOf}, {@code within}, after-match skip. Emits per match (and,
 * with {@code emit}, per timed-out partial match) the key fields, {@code start}, {@code end} and
 * the {@code select} values. Needs event time upstream.
 */
public final class PatternStage implements StageFactory {
  static final List<String> FOLLOWS =
      List.of("followedBy", "next", "followedByAny", "notNext", "notFollowedBy");
  static final List<String> OPS = List.of("first", "last", "count", "sum", "min", "max", "avg");
  static final List<String> SKIPS =
      List.of("noSkip", "skipToNext", "skipPastLastEvent", "skipToFirst", "skipToLast");

  @Override
  public String type() {
    return "cep";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "per-key pattern matching (sequences, negation, quantifiers, within) over records";
  }

  @Override
  public CompiledStage compile(StageConfig c, RecordSchema input) {
    int before = c.problemCount();
    KeyFields key = KeyFields.compile(c, input);
    if (key != null && key.isEmpty()) {
      c.problem("keyBy", "missing field 'keyBy': the fields whose values each have their own "
          + "partial matches (e.g. \"accountId\")");
      key = null;
    }
    String typeField = c.string("eventTypeField", "eventType");
    Pattern<Record> pattern = pattern(c, input, new TypeField(c, typeField));
    String emit = c.choice("emit", "matches", List.of("matches", "timedOut", "both"));
    List<Selected> select = select(c, input, pattern);
    if (key == null || pattern == null || select == null || c.problemCount() != before) {
      return null;
    }
    if (!emit.equals("matches") && pattern.withinMillis() == Pattern.NO_WITHIN) {
      c.problem("emit", "timed-out partial matches need 'within' (without it nothing times out)");
      return null;
    }
    RecordSchema.Builder b = RecordSchema.builder();
    key.addTo(b);
    List<String> own = new ArrayList<>(List.of("start", "end"));
    if (emit.equals("both")) {
      own.add("outcome");
    }
    for (String f : own) {
      if (b.has(f)) {
        c.problem("keyBy", "'" + f + "' is a field of the stage's output; rename the key field");
        return null;
      }
      b.add(f, f.equals("outcome") ? FieldType.STRING : FieldType.LONG);
    }
    for (Selected s : select) {
      if (b.has(s.name)) {
        c.problem(s.at, "the output already has a field '" + s.name + "'; choose another name");
        return null;
      }
      b.add(s.name, s.type);
    }
    RecordSchema out = b.build();
    KeyFields k = key;
    Pattern<Record> p = pattern;
    int keyCount = key.slots.length;
    boolean both = emit.equals("both");
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return out;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        CepStage<Object, Record, Record> cep = Cep.on(in.keyBy(k.keyFunction()))
            .pattern(p).named(settings.name())
            .select(new ToRecord(out, k, both, select));
        Stage<Record> matches = settings.applyTo(cep.matches());
        if (emit.equals("matches")) {
          return matches;
        }
        Stage<Record> timedOut = cep.timedOut().map((TimedOutMatch<Object, Record> t) ->
            record(out, k, keyCount, t.key(), t.startTime(), t.timeoutTime(),
                both ? "timedOut" : null, name -> t.events().getOrDefault(name, List.of()),
                select)).named(settings.auxiliaryName("timed-out-record"));
        if (emit.equals("timedOut")) {
          return timedOut;
        }
        return matches.union(timedOut).named(settings.auxiliaryName("union"));
      }

      @Override
      public boolean keyed() {
        return true;
      }

      @Override
      public String describe() {
        return p + " by " + k.names + (emit.equals("matches") ? "" : ", emit " + emit);
      }
    };
  }

  /** Turns a match into its output record. */
  private static final class ToRecord implements MatchFunction<Object, Record, Record> {
    private static final long serialVersionUID = 1L;
    private final transient RecordSchema out;
    private final transient KeyFields key;
    private final boolean both;
    private final transient List<Selected> select;

    ToRecord(RecordSchema out, KeyFields key, boolean both, List<Selected> select) {
      this.out = out;
      this.key = key;
      this.both = both;
      this.select = select;
    }

    @Override
    public Record select(Object k, Match<Record> m) {
      return record(out, key, key.slots.length, k, m.timeOf(0), m.timeOf(m.size() - 1),
          both ? "match" : null, m::events, select);
    }
  }

  static Record record(RecordSchema out, KeyFields k, int keyCount, Object key,
      long start, long end, String outcome, Function<String, List<Record>> events,
      List<Selected> select) {
    Object[] v = new Object[out.size()];
    k.unpack(key, v, 0);
    int i = keyCount;
    v[i++] = start;
    v[i++] = end;
    if (outcome != null) {
      v[i++] = outcome;
    }
    for (Selected s : select) {
      v[i++] = s.value(events.apply(s.step));
    }
    return new Record(out, v);
  }

  // ---- the pattern ----

  /**
   * The field {@code eventType} conditions compare ({@code eventTypeField}); checked once, at the
   * first step that uses it, and reported once (at {@code eventTypeField} if given).
   */
  private static final class TypeField {
    final StageConfig stage;
    final String name;
    boolean checked;
    boolean ok;

    TypeField(StageConfig stage, String name) {
      this.stage = stage;
      this.name = name;
    }

    boolean check(StageConfig step, ConfigNode at, RecordSchema input) {
      if (!checked) {
        checked = true;
        ConfigNode declared = stage.node().field("eventTypeField");
        ok = declared != null ? stage.checkField(declared, name, input, FieldType.STRING)
            : step.checkField(at, name, input, FieldType.STRING);
      }
      return ok;
    }
  }

  private static Pattern<Record> pattern(StageConfig c, RecordSchema input, TypeField typeField) {
    int before = c.problemCount();
    List<StageConfig> steps = c.objects("pattern");
    if (steps.isEmpty()) {
      if (c.has("pattern") && c.problemCount() == before) {
        c.problem("pattern", "the pattern needs at least one step");
      }
      return null;
    }
    Pattern<Record> p = null;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      StageConfig s = steps.get(i);
      int stepBefore = s.problemCount();
      String follows = s.choice("follows", "followedBy", FOLLOWS);
      if (i == 0 && s.has("follows")) {
        s.problem("follows", "the first step follows nothing; 'follows' goes on later steps");
      }
      boolean anyOf = s.has("anyOf");
      boolean allOf = s.has("allOf");
      Pattern<Record> next;
      if (anyOf || allOf) {
        if (anyOf && allOf) {
          s.problem("allOf", "give either 'anyOf' or 'allOf', not both");
          return null;
        }
        if (s.has("name")) {
          s.problem("name", "an anyOf/allOf step has no name of its own; its elements have");
        }
        String kind = anyOf ? "anyOf" : "allOf";
        List<EventCondition<Record>> elements = new ArrayList<>();
        for (StageConfig e : s.objects(kind)) {
          String name = stepName(e, names);
          SimpleCondition<Record> cond = condition(e, input, typeField);
          if (name != null) {
            EventCondition<Record> ec = Pattern.event(name);
            elements.add(cond == null ? ec : ec.where(cond));
          }
        }
        if (s.problemCount() != stepBefore) {
          continue;
        }
        if (elements.size() < 2) {
          s.problem(kind, "'" + kind + "' needs at least two elements");
          continue;
        }
        Pattern<Record> prev = p;
        String f = follows;
        next = call(s, kind, () -> group(prev, anyOf, f, elements));
      } else {
        String name = stepName(s, names);
        SimpleCondition<Record> cond = condition(s, input, typeField);
        if (s.problemCount() != stepBefore) {
          continue;
        }
        Pattern<Record> prev = p;
        String f = follows;
        next = call(s, "follows", () -> prev == null ? Pattern.<Record>begin(name) : switch (f) {
          case "next" -> prev.next(name);
          case "followedByAny" -> prev.followedByAny(name);
          case "notNext" -> prev.notNext(name);
          case "notFollowedBy" -> prev.notFollowedBy(name);
          default -> prev.followedBy(name);
        });
        if (next != null && cond != null) {
          next = next.where(cond);
        }
      }
      if (next == null) {
        continue;
      }
      next = quantifiers(s, input, next);
      if (s.problemCount() == stepBefore) {
        p = next;
      }
    }
    long within = c.millis("within", Pattern.NO_WITHIN, 1);
    AfterMatchSkipStrategy skip = skip(c);
    if (p == null || c.problemCount() != before) {
      return null;
    }
    if (within != Pattern.NO_WITHIN) {
      p = p.within(Duration.ofMillis(within));
    }
    if (skip != null) {
      if (skip.name() != null && !p.names().contains(skip.name())) {
        c.problem(c.get("afterMatch").field("step"),
            "unknown step '" + skip.name() + "'; steps: " + p.names());
        return null;
      }
      p = p.afterMatch(skip);
    }
    try {
      p.validate();
    } catch (IllegalArgumentException | IllegalStateException e) {
      c.problem(e.getMessage().contains("within") ? "within" : "pattern", e.getMessage());
      return null;
    }
    return p;
  }

  private static Pattern<Record> group(Pattern<Record> prev, boolean anyOf, String follows,
      List<EventCondition<Record>> elements) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    EventCondition<Record>[] e = elements.toArray(new EventCondition[0]);
    if (prev == null) {
      return anyOf ? Pattern.beginAnyOf(e) : Pattern.beginAllOf(e);
    }
    return switch (follows) {
      case "next" -> anyOf ? prev.nextAnyOf(e) : prev.nextAllOf(e);
      case "followedBy" -> anyOf ? prev.followedByAnyOf(e) : prev.followedByAllOf(e);
      case "followedByAny" -> {
        if (!anyOf) {
          throw new IllegalArgumentException(
              "an allOf step follows with 'next' or 'followedBy', not 'followedByAny'");
        }
        yield prev.followedByAnyAnyOf(e);
      }
      default -> throw new IllegalArgumentException(
          "an anyOf/allOf step cannot be a negation ('" + follows + "')");
    };
  }

  private static String stepName(StageConfig s, Set<String> names) {
    String name = s.string("name");
    if (name == null) {
      return null;
    }
    if (name.isBlank()) {
      s.problem("name", "a step name must not be blank");
      return null;
    }
    if (!names.add(name)) {
      s.problem("name", "the step name '" + name + "' is already used in this pattern");
      return null;
    }
    return name;
  }

  /**
   * The step's condition: {@code eventType} (a string or a list; the record's event type field
   * equals one of them) and {@code where}/{@code filter}/{@code condition}; both must hold. Null if
   * none is given (every event qualifies) or if one was reported.
   */
  private static SimpleCondition<Record> condition(StageConfig s, RecordSchema input,
      TypeField typeField) {
    SimpleCondition<Record> type = null;
    if (s.has("eventType")) {
      List<String> types = s.strings("eventType");
      ConfigNode at = s.get("eventType");
      if (types.isEmpty()) {
        s.problem(at, "'eventType' needs at least one type");
      } else if (typeField.check(s, at, input)) {
        int slot = input.slot(typeField.name);
        Set<String> set = Set.copyOf(types);
        type = types.size() == 1 ? r -> types.get(0).equals(r.get(slot))
            : r -> r.get(slot) != null && set.contains(r.get(slot));
      }
    }
    Expression where;
    if (s.has("filter")) {
      if (s.has("where")) {
        s.problem("filter", "give either 'where' or 'filter' (the same thing), not both");
        return null;
      }
      where = Conditions.compile(s, input, false, "filter");
    } else {
      where = Conditions.compile(s, input, false);
    }
    if (where == null) {
      return type;
    }
    if (type == null) {
      return where::test;
    }
    SimpleCondition<Record> t = type;
    return r -> t.test(r) && where.test(r);
  }

  private static Pattern<Record> quantifiers(StageConfig s, RecordSchema input,
      Pattern<Record> p) {
    if (s.has("times")) {
      ConfigNode t = s.get("times");
      if (t.kind() == ConfigNode.Kind.OBJECT) {
        StageConfig range = s.child(t);
        int rangeBefore = range.problemCount();
        int min = (int) range.longValue("min", 1, Pattern.MAX_TIMES);
        int max = (int) range.longValue("max", min, 1, Pattern.MAX_TIMES);
        if (range.problemCount() == rangeBefore) {
          p = call(s, "times", p, x -> x.times(min, max));
        }
      } else {
        int n = (int) s.longValue("times", 1, 1, Pattern.MAX_TIMES);
        p = call(s, "times", p, x -> x.times(n));
      }
    }
    if (s.has("timesOrMore")) {
      int n = (int) s.longValue("timesOrMore", 1, 1, Pattern.MAX_TIMES);
      p = call(s, "timesOrMore", p, x -> x.timesOrMore(n));
    }
    if (s.bool("oneOrMore", false)) {
      p = call(s, "oneOrMore", p, Pattern::oneOrMore);
    }
    if (s.bool("optional", false)) {
      p = call(s, "optional", p, Pattern::optional);
    }
    if (s.bool("greedy", false)) {
      p = call(s, "greedy", p, Pattern::greedy);
    }
    if (s.bool("consecutive", false)) {
      p = call(s, "consecutive", p, Pattern::consecutive);
    }
    if (s.bool("allowCombinations", false)) {
      p = call(s, "allowCombinations", p, Pattern::allowCombinations);
    }
    if (s.has("until")) {
      ConfigNode u = s.get("until");
      Expression until = s.expression(u, input, FieldType.BOOLEAN);
      if (until != null) {
        p = call(s, "until", p, x -> x.until(until::test));
      }
    }
    return p;
  }

  /** Applies a Pattern call; its IllegalArgument/State exception becomes a problem at {@code key}. */
  private static Pattern<Record> call(StageConfig s, String key, Pattern<Record> p,
      UnaryOperator<Pattern<Record>> f) {
    if (p == null) {
      return null;
    }
    try {
      return f.apply(p);
    } catch (IllegalArgumentException | IllegalStateException e) {
      s.problem(key, e.getMessage());
      return p;
    }
  }

  private static Pattern<Record> call(StageConfig s, String key,
      java.util.function.Supplier<Pattern<Record>> f) {
    try {
      return f.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      s.problem(key, e.getMessage());
      return null;
    }
  }

  private static AfterMatchSkipStrategy skip(StageConfig c) {
    if (!c.has("afterMatch")) {
      return null;
    }
    ConfigNode v = c.get("afterMatch");
    String kind;
    String step = null;
    if (v.kind() == ConfigNode.Kind.OBJECT) {
      StageConfig o = c.child(v);
      kind = o.choice("strategy", null, SKIPS);
      if (kind == null && !o.has("strategy")) {
        o.problem("strategy", "missing field 'strategy': one of " + SKIPS);
      }
      if ("skipToFirst".equals(kind) || "skipToLast".equals(kind)) {
        step = o.string("step");
      } else if (o.has("step")) {
        o.problem("step", "'step' goes with skipToFirst and skipToLast only");
      }
    } else {
      kind = c.choice("afterMatch", null, List.of("noSkip", "skipToNext", "skipPastLastEvent"));
    }
    if (kind == null || (kind.startsWith("skipTo") && !kind.equals("skipToNext") && step == null)) {
      return null;
    }
    return switch (kind) {
      case "skipToNext" -> AfterMatchSkipStrategy.skipToNext();
      case "skipPastLastEvent" -> AfterMatchSkipStrategy.skipPastLastEvent();
      case "skipToFirst" -> AfterMatchSkipStrategy.skipToFirst(step);
      case "skipToLast" -> AfterMatchSkipStrategy.skipToLast(step);
      default -> AfterMatchSkipStrategy.noSkip();
    };
  }

  // ---- the output ----

  /** One {@code select} value: an operation over the events a step took. */
  private record Selected(String name, String step, int slot, String op, FieldType type,
      ConfigNode at) {
    Object value(List<Record> events) {
      switch (op) {
        case "count":
          if (slot < 0) {
            return (long) events.size();
          }
          long n = 0;
          for (Record r : events) {
            n += r.get(slot) == null ? 0 : 1;
          }
          return n;
        case "first":
          return events.isEmpty() ? null : events.get(0).get(slot);
        case "last":
          return events.isEmpty() ? null : events.get(events.size() - 1).get(slot);
        default:
          break;
      }
      boolean longs = type == FieldType.LONG;
      long lsum = 0;
      double dsum = 0;
      int count = 0;
      Object best = null;
      for (Record r : events) {
        Object o = r.get(slot);
        if (!(o instanceof Number num)) {
          continue;
        }
        count++;
        if (longs && op.equals("sum")) {
          lsum = Math.addExact(lsum, num.longValue());
        } else {
          dsum += num.doubleValue();
        }
        if (best == null || (op.equals("min")
            ? Double.compare(num.doubleValue(), ((Number) best).doubleValue()) < 0
            : Double.compare(num.doubleValue(), ((Number) best).doubleValue()) > 0)) {
          best = o;
        }
      }
      return switch (op) {
        case "sum" -> longs ? (Object) lsum : (Object) dsum;
        case "avg" -> count == 0 ? null : (Object) (dsum / count);
        default -> best;
      };
    }
  }

  private static List<Selected> select(StageConfig c, RecordSchema input, Pattern<Record> p) {
    if (!c.has("select")) {
      return List.of();
    }
    int before = c.problemCount();
    List<Selected> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (StageConfig s : c.objects("select")) {
      String name = s.string("name");
      String step = s.string("step");
      String op = s.choice("op", "first", OPS);
      boolean needsField = !op.equals("count") || s.has("field");
      String field = needsField ? s.field("field", input,
          op.equals("first") || op.equals("last") || op.equals("count") ? new FieldType[0]
              : new FieldType[] {FieldType.LONG, FieldType.DOUBLE}) : null;
      if (name == null || step == null || (needsField && field == null)) {
        continue;
      }
      if (!names.add(name)) {
        s.problem("name", "the output field '" + name + "' is selected twice");
        continue;
      }
      if (p != null && !p.names().contains(step)) {
        s.problem("step", "unknown step '" + step + "'; steps: " + p.names());
        continue;
      }
      int slot = field == null ? -1 : input.slot(field);
      FieldType ft = field == null ? null : input.type(slot);
      FieldType type = switch (op) {
        case "count" -> FieldType.LONG;
        case "avg" -> FieldType.DOUBLE;
        case "sum" -> ft == FieldType.LONG ? FieldType.LONG : FieldType.DOUBLE;
        default -> ft;
      };
      out.add(new Selected(name, step, slot, op, type, s.node()));
    }
    return c.problemCount() == before ? out : null;
  }
}
