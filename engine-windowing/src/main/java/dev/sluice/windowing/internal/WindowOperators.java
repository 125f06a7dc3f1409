package dev.sluice.windowing.internal;

import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.Evictor;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.WindowFunction;
import dev.sluice.windowing.WindowResult;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds window operators and adds them to pipelines: what the public builders of {@code
 * dev.sluice.windowing} call. Chooses the implementation: slices for sliding windows fired on the
 * watermark, one pane per window otherwise, merging panes for merging assigners; for a non-keyed
 * window, a pre-aggregating stage at the input's parallelism and a combining stage of
 * parallelism 1 when the aggregate allows it.
 */
public final class WindowOperators {
  /** The single key of a non-keyed window's combining stage. */
  private static final Boolean ALL = Boolean.TRUE;

  private WindowOperators() {}

  /** A keyed window operator aggregating with {@code op}. */
  public static <K, T, A, R> Supplier<KeyedOperator<K, T, WindowResult<K, R>>> aggregating(
      WindowSpec<T> spec, AggregateOperation<? super T, A, R> op, boolean nonKeyed) {
    return () -> timeWindowOperator(spec, new AggregatePaneFunction<K, T, A, R>(op), nonKeyed);
  }

  /** A keyed window operator handing each window's events to {@code fn}. */
  public static <K, T, R> Supplier<KeyedOperator<K, T, WindowResult<K, R>>> processing(
      WindowSpec<T> spec,
      WindowFunction<? super K, T, ? extends R> fn,
      Evictor evictor,
      StateCodec<T> eventCodec,
      boolean nonKeyed) {
    return () ->
        timeWindowOperator(
            spec, new ProcessPaneFunction<K, T, R>(fn, evictor, eventCodec), nonKeyed);
  }

  /** The operator for a time-window spec: sliced, per-window or merging. */
  static <K, T, A, R> KeyedOperator<K, T, WindowResult<K, R>> timeWindowOperator(
      WindowSpec<T> spec, PaneFunction<K, T, A, R> fn, boolean nonKeyed) {
    if (spec.assigner().isMerging()) {
      return new MergingWindowOperator<>(spec, fn, nonKeyed);
    }
    if (!nonKeyed
        && spec.assigner() instanceof SlidingWindows sliding
        && sliding.slideMillis() < sliding.sizeMillis()
        && spec.trigger() == Triggers.onWatermark()
        && fn instanceof AggregatePaneFunction) {
      return new SlicingWindowOperator<>(sliding, spec, fn);
    }
    return new WindowOperator<>(spec, fn, nonKeyed);
  }

  /** A keyed count-window operator aggregating with {@code op}. */
  public static <K, T, A, R> Supplier<KeyedOperator<K, T, WindowResult<K, R>>> countAggregating(
      long size, long slide, AggregateOperation<? super T, A, R> op, boolean nonKeyed) {
    return () ->
        new CountWindowOperator<>(size, slide, new AggregatePaneFunction<K, T, A, R>(op), nonKeyed);
  }

  /** A keyed count-window operator handing each window's events to {@code fn}. */
  public static <K, T, R> Supplier<KeyedOperator<K, T, WindowResult<K, R>>> countProcessing(
      long size,
      long slide,
      WindowFunction<? super K, T, ? extends R> fn,
      Evictor evictor,
      StateCodec<T> eventCodec,
      boolean nonKeyed) {
    return () ->
        new CountWindowOperator<>(
            size, slide, new ProcessPaneFunction<K, T, R>(fn, evictor, eventCodec), nonKeyed);
  }

  /**
   * Adds a non-keyed window to {@code stage}: every event to one instance (parallelism 1) that
   * runs {@code operator} under a single key.
   */
  public static <T, R> Stage<WindowResult<Void, R>> allInOne(
      Stage<T> stage,
      String name,
      Supplier<? extends KeyedOperator<Boolean, ? super T, ? extends WindowResult<Boolean, R>>>
          operator) {
    Function<T, Boolean> all = t -> ALL;
    KeyedStage<Boolean, T> keyed = stage.keyBy(all);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Stage<WindowResult<Void, R>> out =
        (Stage) keyed.customOperator(name, operator).parallelism(1);
    return out;
  }

  /**
   * Adds a pre-aggregated non-keyed window: a stage at {@code stage}'s parallelism that
   * accumulates each instance's events per window and emits partials when the watermark passes a
   * window, then a combining stage of parallelism 1 that fires the windows.
   */
  public static <T, A, R> Stage<WindowResult<Void, R>> preAggregated(
      Stage<T> stage, String name, WindowSpec<T> spec, AggregateOperation<? super T, A, R> op) {
    Stage<Object> partials =
        stage.customOperator(
            name == null ? null : name + "-local", () -> new LocalWindowOperator<T, A>(spec, op));
    WindowSpec<Object> combining =
        new WindowSpec<>(
            PartialAssigner.INSTANCE,
            Triggers.onWatermark(),
            spec.allowedLatenessMillis(),
            spec.discarding(),
            spec.lateTag());
    Supplier<KeyedOperator<Boolean, Object, WindowResult<Boolean, R>>> global =
        () -> new WindowOperator<>(combining, new CombinePaneFunction<Boolean, A, R>(op), true);
    return allInOne(partials, name, global);
  }
}
