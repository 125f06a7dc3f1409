package dev.sluice.cep;

import dev.sluice.cep.internal.CepOperator;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Describes a CEP stage over a keyed stream; made by {@link Cep#on}. Give rules ({@link #rule},
 * or {@link #pattern} for one), optionally a control stream ({@link #ruleUpdates}) and a handle
 * ({@link #rulesHandle}) for changes while the job runs, then {@link #select} adds the stage.
 *
 * <p>Not thread-safe (a builder); the stage it adds follows the core's operator contract.
 *
 * @param <K> the key type
 * @param <T> the event type
 */
public final class CepBuilder<K, T> {
  private final KeyedStage<K, T> input;
  private final Map<String, Pattern<T>> rules = new LinkedHashMap<>();
  private Stage<RuleUpdate<T>> updates;
  private CepRules<T> handle;
  private StateCodec<T> codec;
  private String name = "cep";

  CepBuilder(KeyedStage<K, T> input) {
    this.input = input;
  }

  /**
   * Adds a rule present from the start.
   *
   * @param ruleId the id, unique in the stage
   * @param pattern the pattern (compiled now: an invalid one throws here)
   * @return this builder
   * @throws IllegalArgumentException for a duplicate id or an invalid pattern
   */
  public CepBuilder<K, T> rule(String ruleId, Pattern<T> pattern) {
    PatternStep.checkName(ruleId);
    dev.sluice.cep.internal.Nfa.compile(Objects.requireNonNull(pattern, "pattern"));
    if (rules.putIfAbsent(ruleId, pattern) != null) {
      throw new IllegalArgumentException("rule '" + ruleId + "' is given twice");
    }
    return this;
  }

  /** The only rule, with id {@code "pattern"}. */
  public CepBuilder<K, T> pattern(Pattern<T> pattern) {
    return rule("pattern", pattern);
  }

  /** A control stream of rule updates, broadcast to every instance of the stage. */
  public CepBuilder<K, T> ruleUpdates(Stage<RuleUpdate<T>> updates) {
    this.updates = Objects.requireNonNull(updates, "updates");
    return this;
  }

  /** A handle for programs to change rules while the job runs (see {@link CepRules}). */
  public CepBuilder<K, T> rulesHandle(CepRules<T> handle) {
    this.handle = Objects.requireNonNull(handle, "handle");
    return this;
  }

  /**
   * The codec that writes events into state snapshots (default {@link StateCodecs#dynamic()},
   * which handles records of strings, numbers, enums and collections).
   */
  public CepBuilder<K, T> eventCodec(StateCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    return this;
  }

  /** The stage's name (default {@code "cep"}); side outputs are named after it. */
  public CepBuilder<K, T> named(String name) {
    this.name = PatternStep.checkName(name);
    return this;
  }

  /**
   * Adds the CEP stage.
   *
   * @param select turns each match into an output (null: none)
   * @param <R> the output type
   * @return the stage's outputs
   * @throws IllegalStateException if there is no rule and no way to add one
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <R> CepStage<K, T, R> select(MatchFunction<K, T, R> select) {
    Objects.requireNonNull(select, "select");
    if (rules.isEmpty() && updates == null && handle == null) {
      throw new IllegalStateException(
          "CEP stage '" + name + "' has no rule: give rule(...) or a way to add rules");
    }
    OutputTag<T> lateTag = (OutputTag<T>) (OutputTag) OutputTag.of("late", Object.class);
    OutputTag<TimedOutMatch<K, T>> timedOutTag =
        (OutputTag<TimedOutMatch<K, T>>) (OutputTag) OutputTag.of("timed-out", TimedOutMatch.class);
    CepMetrics metrics = new CepMetrics();
    StateCodec<T> events = codec != null ? codec : (StateCodec<T>) StateCodecs.dynamic();
    Map<String, Pattern<T>> initial = Map.copyOf(rules);
    Stage<RuleUpdate<T>> control = updates;
    if (handle != null) {
      Stage<RuleUpdate<T>> fromHandle = input.pipeline().source(handle.source());
      control = control == null ? fromHandle : control.union(fromHandle);
    }
    Stage<R> out;
    AtomicBoolean timeoutsWanted = new AtomicBoolean();
    if (control == null) {
      out = input.customOperator(name, () -> new CepOperator<K, T, R>(
          initial, select, events, metrics, lateTag, timedOutTag, false, timeoutsWanted::get));
    } else {
      out = input.withBroadcast(control).process(name, () -> new CepOperator<K, T, R>(
          initial, select, events, metrics, lateTag, timedOutTag, true, timeoutsWanted::get));
    }
    return new CepStage<>(out, lateTag, timedOutTag, metrics, timeoutsWanted);
  }
}
