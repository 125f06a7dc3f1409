package dev.sluice.cep;

import dev.sluice.core.Stage;
import dev.sluice.core.operator.OutputTag;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outputs of a CEP stage: the select function's results, the timed-out partial matches and
 * the late events, each a {@link Stage}, and the stage's counters. Connect the side outputs you
 * want; what goes to an unconnected one is counted as dropped by the runtime (and in {@link
 * CepMetrics}), never silently lost.
 *
 * @param <K> the key type
 * @param <T> the event type
 * @param <R> the output type
 */
public final class CepStage<K, T, R> {
  private final Stage<R> matches;
  private final OutputTag<T> lateTag;
  private final OutputTag<TimedOutMatch<K, T>> timedOutTag;
  private final CepMetrics metrics;
  private final AtomicBoolean timeoutsWanted;

  CepStage(Stage<R> matches, OutputTag<T> lateTag, OutputTag<TimedOutMatch<K, T>> timedOutTag,
      CepMetrics metrics, AtomicBoolean timeoutsWanted) {
    this.timeoutsWanted = timeoutsWanted;
    this.matches = matches;
    this.lateTag = lateTag;
    this.timedOutTag = timedOutTag;
    this.metrics = metrics;
  }

  /** What the select function returned, one event per match (at the match's last event time). */
  public Stage<R> matches() {
    return matches;
  }

  /**
   * Partial matches pruned past their time bound, at their expiry time. Unless this is called
   * before the job starts, timed-out partial matches are only counted ({@link
   * CepMetrics#timedOutPartialMatches()}), never built.
   */
  public Stage<TimedOutMatch<K, T>> timedOut() {
    timeoutsWanted.set(true);
    return matches.sideOutput(timedOutTag);
  }

  /** Events that arrived behind the watermark, not matched. */
  public Stage<T> late() {
    return matches.sideOutput(lateTag);
  }

  /** The stage's counters (live). */
  public CepMetrics metrics() {
    return metrics;
  }
}
