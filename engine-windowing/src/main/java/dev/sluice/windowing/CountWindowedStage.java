package dev.sluice.windowing;

import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.windowing.internal.WindowOperators;
import java.util.Objects;

/**
 * A count-window stage being configured. Window {@code [e - size, e)} of a key's event ordinals
 * (its first event is 0) fires when the key's {@code e}-th event arrives, for every {@code e}
 * that is a multiple of the slide; at the end of input, a key with events since its last firing
 * fires the window that would have ended at the next multiple of the slide, cut at its last
 * event. Results are {@link FiringKind#ON_TIME}, with the timestamp of the event that completed
 * the window. Event time plays no part: nothing is late, and results per key follow the order in
 * which the key's events arrive.
 *
 * <pre>
 * countWindow(3):      e0 e1 e2 | e3 e4 e5 | e6 (end)
 *                           [0,3)      [3,6)   [6,7)
 * countWindow(4, 2):   e0 e1 | e2 e3 | e4 e5 | ...
 *                       [0,2)   [0,4)   [2,6)
 * </pre>
 *
 * <p>Immutable. A non-keyed count window runs on one instance.
 *
 * @param <K> key type ({@code Void} for a non-keyed window)
 * @param <T> event type
 */
public final class CountWindowedStage<K, T> {
  private final KeyedStage<K, T> keyed;
  private final Stage<T> all;
  private final long size;
  private final long slide;
  private final Evictor evictor;
  private final StateCodec<T> eventCodec;
  private final String name;

  CountWindowedStage(KeyedStage<K, T> keyed, Stage<T> all, long size, long slide) {
    this(keyed, all, size, slide, null, StateCodecs.dynamic(), null);
    if (size < 1) {
      throw new IllegalArgumentException("a count window needs size >= 1, was " + size);
    }
    if (slide < 1 || slide > size) {
      throw new IllegalArgumentException(
          "a count window's slide must be in 1.." + size + ", was " + slide);
    }
  }

  private CountWindowedStage(
      KeyedStage<K, T> keyed,
      Stage<T> all,
      long size,
      long slide,
      Evictor evictor,
      StateCodec<T> eventCodec,
      String name) {
    this.keyed = keyed;
    this.all = all;
    this.size = size;
    this.slide = slide;
    this.evictor = evictor;
    this.eventCodec = eventCodec;
    this.name = name;
  }

  /** Evicts events before the window function of {@link #process} sees them. */
  public CountWindowedStage<K, T> evictor(Evictor evictor) {
    Objects.requireNonNull(evictor, "evictor");
    return new CountWindowedStage<>(keyed, all, size, slide, evictor, eventCodec, name);
  }

  /** The codec for buffered events of {@link #process} windows (default dynamic). */
  public CountWindowedStage<K, T> eventCodec(StateCodec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    return new CountWindowedStage<>(keyed, all, size, slide, evictor, codec, name);
  }

  /** Names the stage. */
  public CountWindowedStage<K, T> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a stage name must not be blank");
    }
    return new CountWindowedStage<>(keyed, all, size, slide, evictor, eventCodec, name);
  }

  /**
   * Aggregates each count window with {@code operation} and adds the stage. Events are
   * accumulated once, into slices of {@code gcd(size, slide)} events.
   *
   * @throws IllegalStateException if an evictor was set
   */
  public <A, R> Stage<WindowResult<K, R>> aggregate(
      AggregateOperation<? super T, A, R> operation) {
    Objects.requireNonNull(operation, "operation");
    if (evictor != null) {
      throw new IllegalStateException("an evictor applies to process(fn), not aggregate(op)");
    }
    if (keyed != null) {
      return keyed.customOperator(
          name, WindowOperators.countAggregating(size, slide, operation, false));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Stage<WindowResult<K, R>> out =
        (Stage)
            WindowOperators.allInOne(
                all, name, WindowOperators.countAggregating(size, slide, operation, true));
    return out;
  }

  /** Hands each count window's events to {@code fn} and adds the stage. */
  public <R> Stage<WindowResult<K, R>> process(WindowFunction<? super K, T, ? extends R> fn) {
    Objects.requireNonNull(fn, "fn");
    if (keyed != null) {
      return keyed.customOperator(
          name, WindowOperators.countProcessing(size, slide, fn, evictor, eventCodec, false));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Stage<WindowResult<K, R>> out =
            WindowOperators.allInOne(
                all,
                name,
                WindowOperators.countProcessing(
                    size, slide, (WindowFunction) fn, evictor, eventCodec, true));
    return out;
  }
}
