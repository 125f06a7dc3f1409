package dev.sluice.cep.internal;

import dev.sluice.cep.CepMetrics;
import dev.sluice.cep.MatchFunction;
import dev.sluice.cep.Pattern;
import dev.sluice.cep.RuleUpdate;
import dev.sluice.cep.TimedOutMatch;
import dev.sluice.core.Timestamps;
import dev.sluice.core.operator.KeyedBroadcastOperator;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.BroadcastState;
import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The CEP operator: one keyed operator (and, with a control stream, a keyed broadcast operator)
 * running a set of rules over each key's events in event-time order.
 *
 * <p>State, all managed: per key one {@link KeyState} (events held until the watermark passes
 * them, each rule's partial matches and shared buffer); with a control stream, the rule updates
 * in broadcast state. An event ahead of the watermark is held and gets an event-time timer at its
 * time; when the timer fires the key's held events up to that time go through every rule in time
 * order, then partial matches whose bound has passed expire. A new partial match registers a
 * timer at its expiry. The compiled rules in a field are derived from the constructor's rules
 * and the broadcast state, rebuilt in {@link #open}.
 *
 * <p>Events behind the watermark go to the late side output; events with no timestamp fail the
 * stage (CEP needs event time).
 */
public final class CepOperator<K, T, R>
    implements KeyedOperator<K, T, R>,
        KeyedBroadcastOperator<K, T, RuleUpdate<T>, R>,
        Matcher.Sink {

  /** A rule as broadcast state keeps it: its pattern (null once removed) and version. */
  record RuleEntry(Pattern<?> pattern, long version) implements Serializable {}

  /**
   * A compiled rule, with one spare empty {@link RuleState} (not part of any state value) that a
   * key takes when it opens its first partial match of the rule, and that a key's rule state
   * returns to when it empties: a key going quiet and active again allocates nothing.
   */
  private static final class Compiled<T> {
    final String id;
    final long version;
    final Nfa<T> nfa;
    RuleState spare;

    Compiled(String id, long version, Nfa<T> nfa) {
      this.id = id;
      this.version = version;
      this.nfa = nfa;
    }

    RuleState take() {
      RuleState r = spare;
      if (r == null) {
        return new RuleState(id, version, new SharedBuffer());
      }
      spare = null;
      return r;
    }

    void giveBack(RuleState r) {
      if (spare == null && r.version == version && r.isEmpty()) {
        spare = r;
      }
    }
  }

  private final Map<String, Pattern<T>> initialRules;
  private final MatchFunction<K, T, R> select;
  private final StateCodec<T> eventCodec;
  private final CepMetrics.Recorder metrics;
  private final OutputTag<T> lateTag;
  private final OutputTag<TimedOutMatch<K, T>> timedOutTag;
  private final boolean broadcast;
  private final BooleanSupplier timeoutsWanted;
  private boolean reportTimeouts;

  private KeyedState<K, KeyState> keys;
  private BroadcastState<String, RuleEntry> ruleState;
  private TimerService<K> timers;
  private Output<T> late;
  private Output<TimedOutMatch<K, T>> timedOut;
  private final Matcher<T> matcher = new Matcher<>();
  private final MatchView<T> view = new MatchView<>();
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Compiled<T>[] rules = new Compiled[0];
  private boolean allSkipTolerant;
  private long ignoredSinceFlush;
  private KeyState spareKey; // an empty key state no state value holds, reused on activation

  // the key and output of the call in progress, for the matcher's callbacks
  private K currentKey;
  private Output<R> currentOutput;
  private Compiled<T> currentRule;

  /**
   * An operator.
   *
   * @param initialRules rules by id, present from the start (version 0)
   * @param select the match function
   * @param eventCodec writes events into state snapshots
   * @param metrics the stage's counters
   * @param lateTag side output of late events
   * @param timedOutTag side output of timed-out partial matches
   * @param broadcast whether rule updates arrive on a broadcast input
   * @param timeoutsWanted asked on open: whether the pipeline reads the timed-out side output
   *     (if not, timed-out partial matches are only counted, not built)
   */
  public CepOperator(
      Map<String, Pattern<T>> initialRules,
      MatchFunction<K, T, R> select,
      StateCodec<T> eventCodec,
      CepMetrics metrics,
      OutputTag<T> lateTag,
      OutputTag<TimedOutMatch<K, T>> timedOutTag,
      boolean broadcast,
      BooleanSupplier timeoutsWanted) {
    this.initialRules = Map.copyOf(initialRules);
    this.select = select;
    this.eventCodec = eventCodec;
    this.metrics = new CepMetrics.Recorder(metrics);
    this.lateTag = lateTag;
    this.timedOutTag = timedOutTag;
    this.broadcast = broadcast;
    this.timeoutsWanted = timeoutsWanted;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    keys = context.state(ValueStateDescriptor.of("cep-keys", new KeyStateCodec(eventCodec)));
    timers = context.timers();
    late = context.sideOutput(lateTag);
    timedOut = context.sideOutput(timedOutTag);
    reportTimeouts = timeoutsWanted.getAsBoolean();
    if (broadcast) {
      ruleState = context.broadcastState(new BroadcastStateDescriptor<>(
          "cep-rules", StateCodecs.strings(), StateCodecs.serializable()));
    }
    rebuildRules();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void rebuildRules() {
    Map<String, Compiled<T>> byId = new TreeMap<>();
    for (Map.Entry<String, Pattern<T>> e : initialRules.entrySet()) {
      byId.put(e.getKey(), compiled(e.getKey(), 0, e.getValue()));
    }
    if (ruleState != null) {
      ruleState.forEach((id, entry) -> {
        if (entry.pattern() == null) {
          byId.remove(id);
        } else {
          byId.put(id, compiled(id, entry.version(), (Pattern<T>) entry.pattern()));
        }
      });
    }
    rules = byId.values().toArray(new Compiled[0]);
    boolean tolerant = true;
    for (Compiled<T> r : rules) {
      tolerant &= r.nfa.skipTolerant;
    }
    allSkipTolerant = tolerant;
  }

  private Compiled<T> compiled(String id, long version, Pattern<T> p) {
    return new Compiled<>(id, version, Nfa.compile(p));
  }

  private Compiled<T> rule(String id) {
    for (Compiled<T> r : rules) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    return null;
  }

  // ---- events ----

  @Override
  public void onEvent(K key, T event, long timestamp, Output<R> output) {
    if (timestamp == Timestamps.NONE) {
      throw new IllegalArgumentException(
          "CEP needs event time, but event " + event + " has no timestamp: add withTimestamps"
              + " upstream of the CEP stage");
    }
    if (timestamp <= timers.currentWatermark()) {
      metrics.late();
      late.emit(event, timestamp);
      return;
    }
    if (allSkipTolerant && !relevantToAny(event)) {
      if (++ignoredSinceFlush == 4096) {
        flushCounters();
      }
      return;
    }
    KeyState ks = keys.getForUpdate(key);
    if (ks == null) {
      ks = spareKey != null ? spareKey : new KeyState();
      spareKey = null;
      keys.put(key, ks);
    }
    ks.hold(event, timestamp);
    timers.registerEventTimeTimer(key, timestamp);
  }

  private boolean relevantToAny(T event) {
    for (Compiled<T> r : rules) {
      if (relevant(r.nfa, event)) {
        return true;
      }
    }
    return false;
  }

  private static <T> boolean relevant(Nfa<T> nfa, T event) {
    for (var c : nfa.relevance) {
      if (c.test(event)) {
        return true;
      }
    }
    return false;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<R> output)
      throws Exception {
    KeyState ks = keys.getForUpdate(key);
    if (ks == null) {
      return;
    }
    currentKey = key;
    currentOutput = output;
    int done = 0;
    while (done < ks.held && ks.heldTimes[done] <= time) {
      process(key, ks, (T) ks.heldEvents[done], ks.heldTimes[done]);
      done++;
    }
    if (done > 0) {
      ks.dropHeld(done);
    }
    for (int i = ks.ruleCount - 1; i >= 0; i--) {
      RuleState rs = ks.rules[i];
      Compiled<T> r = rule(rs.ruleId);
      if (r == null || r.version != rs.version) { // normally cleaned when the rule changed
        metrics.discarded(Matcher.discardAll(rs));
        ks.removeRuleAt(i);
        continue;
      }
      currentRule = r;
      matcher.onTime(r.nfa, rs, time, this);
      if (rs.isEmpty()) {
        ks.removeRuleAt(i);
        r.giveBack(rs);
      }
    }
    if (ks.isEmpty()) {
      keys.remove(key);
      if (ks.held == 0 && ks.ruleCount == 0 && ks.heldEvents.length <= 16) {
        ks.nextOrdinal = 0;
        spareKey = ks;
      }
    }
    currentKey = null;
    currentOutput = null;
    currentRule = null;
  }

  private void process(K key, KeyState ks, T event, long time) throws Exception {
    long ordinal = ks.nextOrdinal++;
    for (int i = 0; i < rules.length; i++) {
      Compiled<T> r = rules[i];
      if (r.nfa.skipTolerant && !relevant(r.nfa, event)) {
        continue;
      }
      RuleState rs = ks.rule(r.id);
      if (rs != null && rs.version != r.version) { // normally cleaned when the rule changed
        metrics.discarded(Matcher.discardAll(rs));
        removeRule(ks, rs);
        rs = null;
      }
      boolean fresh = rs == null;
      if (fresh) {
        rs = r.take();
      }
      currentRule = r;
      boolean opened = matcher.onEvent(r.nfa, rs, event, time, ordinal, this);
      if (opened && r.nfa.withinMillis != Pattern.NO_WITHIN) {
        long expiry = time + r.nfa.withinMillis - 1;
        timers.registerEventTimeTimer(key, expiry < time ? Long.MAX_VALUE : expiry);
      }
      if (fresh) {
        if (rs.isEmpty()) {
          r.giveBack(rs);
        } else {
          ks.addRule(rs);
        }
      } else if (rs.isEmpty()) {
        removeRule(ks, rs);
        r.giveBack(rs);
      }
    }
  }

  private static void removeRule(KeyState ks, RuleState rs) {
    for (int i = 0; i < ks.ruleCount; i++) {
      if (ks.rules[i] == rs) {
        ks.removeRuleAt(i);
        return;
      }
    }
  }

  /** Discards the partial matches of rules that were removed or replaced since. */
  private void dropStaleRules(KeyState ks) {
    for (int i = ks.ruleCount - 1; i >= 0; i--) {
      RuleState rs = ks.rules[i];
      Compiled<T> r = rule(rs.ruleId);
      if (r == null || r.version != rs.version) {
        metrics.discarded(Matcher.discardAll(rs));
        ks.removeRuleAt(i);
      }
    }
  }

  private void flushCounters() {
    if (ignoredSinceFlush > 0) {
      metrics.ignored(ignoredSinceFlush);
      ignoredSinceFlush = 0;
    }
  }

  // ---- matcher callbacks ----

  @Override
  public void onMatch(RuleState rule, int node, long time) {
    view.load(rule.ruleId, currentRule.nfa, rule.buffer, node);
    metrics.matches(1);
    R out = select.select(currentKey, view);
    view.clear();
    if (out != null) {
      currentOutput.emit(out, time);
    }
  }

  @Override
  public void onTimeout(RuleState rule, int node, long startTime, long time) {
    metrics.timedOut();
    if (!reportTimeouts) {
      return;
    }
    view.load(rule.ruleId, currentRule.nfa, rule.buffer, node);
    TimedOutMatch<K, T> t =
        new TimedOutMatch<>(currentKey, rule.ruleId, view.byName(), startTime, time);
    view.clear();
    timedOut.emit(t, time);
  }

  // ---- the end ----

  @Override
  public void onWatermark(long watermark, Output<R> output) {
    flushCounters();
    if (watermark != Timestamps.MAX_WATERMARK) {
      return;
    }
    // every timer has fired: what is left are partial matches of patterns without a time bound
    List<K> left = new ArrayList<>();
    keys.forEach((k, s) -> left.add(k));
    for (K k : left) {
      KeyState ks = keys.getForUpdate(k);
      long n = 0;
      for (int i = 0; i < ks.ruleCount; i++) {
        n += Matcher.discardAll(ks.rules[i]);
      }
      metrics.unfinished(n);
      keys.remove(k);
    }
  }

  // ---- rule updates ----

  @Override
  @SuppressWarnings("unchecked")
  public void onBroadcast(RuleUpdate<T> update, long timestamp, Output<R> output) {
    String id = update.ruleId();
    Compiled<T> old = rule(id);
    RuleEntry stored = ruleState.get(id);
    long version = stored == null ? 1 : stored.version() + 1;
    if (update.kind() == RuleUpdate.Kind.PUT) {
      try {
        Nfa.compile(update.pattern());
      } catch (IllegalArgumentException e) {
        metrics.rejectedRuleUpdate();
        return;
      }
      ruleState.put(id, new RuleEntry(update.pattern(), version));
    } else {
      if (old == null) {
        metrics.rejectedRuleUpdate();
        return;
      }
      ruleState.put(id, new RuleEntry(null, version));
    }
    metrics.ruleUpdate();
    rebuildRules();
    if (old != null) {
      List<K> affected = new ArrayList<>();
      keys.forEach((k, s) -> {
        if (s.rule(id) != null) {
          affected.add(k);
        }
      });
      for (K k : affected) {
        KeyState ks = keys.getForUpdate(k);
        dropStaleRules(ks);
        if (ks.isEmpty()) {
          keys.remove(k);
        }
      }
    }
  }

  @Override
  public void onEnd(Output<R> output) {
    flushCounters();
  }

  @Override
  public void onTimer(K key, long time, Output<R> output) {}

  @Override
  public void close() {
    flushCounters();
    view.clear();
    Arrays.fill(rules, null);
  }
}
