package dev.sluice.cep;

import dev.sluice.cep.internal.CepOperator;
import dev.sluice.cep.internal.Nfa;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Entry point of pattern matching on a pipeline:
 *
 * <pre>{@code
 * CepStage<String, Txn, Alert> cep = Cep.on(txns.keyBy(Txn::account))
 *     .pattern(Pattern.<Txn>begin("login").where(Txn::isUsLogin)
 *         .followedBy("foreign").where(Txn::isForeignPayment)
 *         .within(Duration.ofMinutes(5)))
 *     .select((account, m) -> new Alert(account, m.first("login"), m.first("foreign")));
 * cep.matches().sink(alerts);
 * cep.timedOut().sink(...);   // optional
 * cep.late().sink(...);       // optional
 * }</pre>
 *
 * <p>The input needs event time ({@code withTimestamps} upstream): each key's events are matched
 * in event-time order once the watermark passes them. See {@code docs/cep.md}.
 */
public final class Cep {
  private Cep() {}

  /**
   * Starts describing a CEP stage over {@code events}.
   *
   * @param events a keyed stream with event time
   * @param <K> the key type
   * @param <T> the event type
   * @return a builder
   */
  public static <K, T> CepBuilder<K, T> on(KeyedStage<K, T> events) {
    return new CepBuilder<>(Objects.requireNonNull(events, "events"));
  }

  /**
   * The CEP operator itself, for {@link dev.sluice.core.testing.OperatorTestHarness} or {@code
   * keyBy(...).customOperator(...)}: fixed rules, no control stream; side outputs under the tag
   * ids {@code "late"} and {@code "timed-out"}.
   *
   * @param rules the rules by id
   * @param select the match function
   * @param eventCodec writes events into state snapshots
   * @param metrics receives the counters
   * @param <K> the key type
   * @param <T> the event type
   * @param <R> the output type
   * @return a supplier of operator instances
   * @throws IllegalArgumentException if a pattern is invalid
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <K, T, R> Supplier<KeyedOperator<K, T, R>> operator(
      Map<String, Pattern<T>> rules,
      MatchFunction<K, T, R> select,
      StateCodec<T> eventCodec,
      CepMetrics metrics) {
    Map<String, Pattern<T>> copy = Map.copyOf(rules);
    copy.values().forEach(Nfa::compile);
    Objects.requireNonNull(select, "select");
    Objects.requireNonNull(eventCodec, "eventCodec");
    Objects.requireNonNull(metrics, "metrics");
    OutputTag<T> late = (OutputTag<T>) (OutputTag) OutputTag.of("late", Object.class);
    OutputTag<TimedOutMatch<K, T>> timedOut =
        (OutputTag<TimedOutMatch<K, T>>) (OutputTag) OutputTag.of("timed-out", TimedOutMatch.class);
    return () -> new CepOperator<>(copy, select, eventCodec, metrics, late, timedOut, false,
        () -> true);
  }
}
