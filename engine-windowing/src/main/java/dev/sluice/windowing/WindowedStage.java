package dev.sluice.windowing;

import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.windowing.internal.WindowOperators;
import dev.sluice.windowing.internal.WindowSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * A time-window stage being configured: windows from a {@link WindowAssigner}, then optional
 * allowed lateness, early-firing {@link Trigger}, accumulation mode and late output, and finally
 * what to compute — {@link #aggregate} or {@link #process}, which add the stage to the pipeline.
 *
 * <pre>{@code
 * Windowing.of(readings.keyBy(Reading::device))
 *     .window(TumblingWindows.of(Duration.ofMinutes(1)))
 *     .allowedLateness(Duration.ofSeconds(30))     // late firings for 30 s after the end
 *     .trigger(Triggers.everyEvents(100))          // plus an early result every 100 events
 *     .discarding()                                // each result covers only new events
 *     .aggregate(AggregateOperations.averagingDouble(Reading::value));
 * }</pre>
 *
 * <p><b>Semantics</b> (docs/windowing.md has timelines): a window {@code [start, end)} fires on
 * time when the watermark reaches {@code end - 1}; its state is then kept for the allowed
 * lateness (default 0) and released. An event for a window past its end but within the lateness
 * fires the window again at once ({@link FiringKind#LATE}); an event all of whose windows were
 * released goes to the late side output and is counted. In accumulating mode (default) every
 * result covers all of the window's events so far; in discarding mode only those since its
 * previous firing.
 *
 * <p>Immutable: each setting returns a new builder. <b>Threading:</b> build from one thread, like
 * the pipeline.
 *
 * @param <K> key type ({@code Void} for a non-keyed window, whose results have a null key)
 * @param <T> event type
 */
public final class WindowedStage<K, T> {
  private final KeyedStage<K, T> keyed;
  private final Stage<T> all;
  private final WindowAssigner<? super T> assigner;
  private final Trigger<? super T> trigger;
  private final long latenessMillis;
  private final boolean discarding;
  private final Evictor evictor;
  private final StateCodec<T> eventCodec;
  private final String name;
  private final OutputTag<?> lateTag;

  private WindowedStage(
      KeyedStage<K, T> keyed,
      Stage<T> all,
      WindowAssigner<? super T> assigner,
      Trigger<? super T> trigger,
      long latenessMillis,
      boolean discarding,
      Evictor evictor,
      StateCodec<T> eventCodec,
      String name,
      OutputTag<?> lateTag) {
    this.keyed = keyed;
    this.all = all;
    this.assigner = assigner;
    this.trigger = trigger;
    this.latenessMillis = latenessMillis;
    this.discarding = discarding;
    this.evictor = evictor;
    this.eventCodec = eventCodec;
    this.name = name;
    this.lateTag = lateTag;
  }

  static <K, T> WindowedStage<K, T> keyed(
      KeyedStage<K, T> keyed, WindowAssigner<? super T> assigner) {
    return new WindowedStage<>(
        keyed, null, assigner, Triggers.onWatermark(), 0, false, null, StateCodecs.dynamic(),
        null, Windowing.LATE_EVENTS);
  }

  static <T> WindowedStage<Void, T> all(Stage<T> stage, WindowAssigner<? super T> assigner) {
    return new WindowedStage<>(
        null, stage, assigner, Triggers.onWatermark(), 0, false, null, StateCodecs.dynamic(),
        null, Windowing.LATE_EVENTS);
  }

  /**
   * Keeps each window's state for {@code lateness} after it fired on time, so that late events
   * update it (each one fires a {@link FiringKind#LATE} result). Default zero.
   *
   * @throws IllegalArgumentException if {@code lateness} is negative
   */
  public WindowedStage<K, T> allowedLateness(Duration lateness) {
    long ms = Objects.requireNonNull(lateness, "lateness").toMillis();
    if (ms < 0) {
      throw new IllegalArgumentException("allowed lateness must be >= 0 ms, was " + ms);
    }
    return new WindowedStage<>(
        keyed, all, assigner, trigger, ms, discarding, evictor, eventCodec, name, lateTag);
  }

  /** Adds early firings (default {@link Triggers#onWatermark()}: none). */
  public WindowedStage<K, T> trigger(Trigger<? super T> trigger) {
    Objects.requireNonNull(trigger, "trigger");
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, discarding, evictor, eventCodec, name,
        lateTag);
  }

  /** Every result covers all of the window's events so far (the default). */
  public WindowedStage<K, T> accumulating() {
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, false, evictor, eventCodec, name, lateTag);
  }

  /** Every result covers only the window's events since its previous firing. */
  public WindowedStage<K, T> discarding() {
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, true, evictor, eventCodec, name, lateTag);
  }

  /** Evicts events before the window function of {@link #process} sees them. */
  public WindowedStage<K, T> evictor(Evictor evictor) {
    Objects.requireNonNull(evictor, "evictor");
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, discarding, evictor, eventCodec, name,
        lateTag);
  }

  /**
   * The codec that writes buffered events of {@link #process} windows into snapshots (default
   * {@link StateCodecs#dynamic()}).
   */
  public WindowedStage<K, T> eventCodec(StateCodec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, discarding, evictor, codec, name, lateTag);
  }

  /**
   * Names the window stage (for a pre-aggregated non-keyed window, the combining stage; its
   * first stage is named {@code name + "-local"}).
   */
  public WindowedStage<K, T> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a stage name must not be blank");
    }
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, discarding, evictor, eventCodec, name,
        lateTag);
  }

  /**
   * Sends late events — those later than the allowed lateness, all of whose windows were
   * released — to the side output {@code tag} instead of {@link Windowing#LATE_EVENTS}; connect
   * it with {@code results.sideOutput(tag)}, e.g. with {@code OutputTag<Reading> late =
   * OutputTag.of("late-readings", Reading.class)}. Late events that no stage consumes are still
   * counted (as {@code sideOutputDropped}).
   */
  public WindowedStage<K, T> lateEvents(OutputTag<? super T> tag) {
    Objects.requireNonNull(tag, "tag");
    return new WindowedStage<>(
        keyed, all, assigner, trigger, latenessMillis, discarding, evictor, eventCodec, name, tag);
  }

  private WindowSpec<T> spec() {
    return new WindowSpec<>(assigner, trigger, latenessMillis, discarding, lateTag);
  }

  /**
   * Aggregates each window incrementally with {@code operation} and adds the stage. Sliding
   * windows fired on the watermark are pre-aggregated per slice (see {@link SlidingWindows}); a
   * non-keyed window fired on the watermark is pre-aggregated per parallel instance.
   *
   * <p><b>Allocation</b> per event: none for an existing window (the accumulate itself aside);
   * per window and key, its accumulator and, per firing, the exported value and the {@link
   * WindowResult}.
   *
   * @throws IllegalStateException if an evictor was set (evictors apply to {@link #process})
   */
  public <A, R> Stage<WindowResult<K, R>> aggregate(
      AggregateOperation<? super T, A, R> operation) {
    Objects.requireNonNull(operation, "operation");
    if (evictor != null) {
      throw new IllegalStateException(
          "an evictor applies to process(fn), which sees the window's events; "
              + "aggregate(op) keeps no events to evict");
    }
    WindowSpec<T> spec = spec();
    if (keyed != null) {
      return keyed.customOperator(name, WindowOperators.aggregating(spec, operation, false));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Stage<WindowResult<K, R>> out =
        (Stage)
            (preAggregates()
                ? WindowOperators.preAggregated(all, name, spec, operation)
                : WindowOperators.allInOne(
                    all, name, WindowOperators.aggregating(spec, operation, true)));
    return out;
  }

  private boolean preAggregates() {
    return !assigner.isMerging() && trigger == Triggers.onWatermark();
  }

  /**
   * Hands each firing window's events (after the evictor, if any) to {@code fn} and adds the
   * stage. The events are kept in managed state per key and window until the window is released.
   */
  public <R> Stage<WindowResult<K, R>> process(WindowFunction<? super K, T, ? extends R> fn) {
    Objects.requireNonNull(fn, "fn");
    WindowSpec<T> spec = spec();
    if (keyed != null) {
      return keyed.customOperator(
          name, WindowOperators.processing(spec, fn, evictor, eventCodec, false));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Stage<WindowResult<K, R>> out =
            WindowOperators.allInOne(
                all,
                name,
                WindowOperators.processing(spec, (WindowFunction) fn, evictor, eventCodec, true));
    return out;
  }
}
