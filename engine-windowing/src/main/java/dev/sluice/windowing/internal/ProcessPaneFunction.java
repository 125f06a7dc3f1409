package dev.sluice.windowing.internal;

import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.Evictor;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;
import dev.sluice.windowing.WindowFunction;

/** Panes that buffer events and hand them to a {@link WindowFunction} on each firing. */
final class ProcessPaneFunction<K, T, R> implements PaneFunction<K, T, EventBuffer<T>, R> {
  private final WindowFunction<? super K, T, ? extends R> fn;
  private final Evictor evictor;
  private final StateCodec<EventBuffer<T>> codec;

  ProcessPaneFunction(
      WindowFunction<? super K, T, ? extends R> fn, Evictor evictor, StateCodec<T> eventCodec) {
    this.fn = fn;
    this.evictor = evictor;
    this.codec = EventBuffer.codec(eventCodec);
  }

  @Override
  public EventBuffer<T> create() {
    return new EventBuffer<>();
  }

  @Override
  public void accumulate(EventBuffer<T> acc, T event, long timestamp) {
    acc.add(event, timestamp);
  }

  @Override
  public void combine(EventBuffer<T> acc, EventBuffer<T> other) {
    acc.addAll(other);
  }

  @Override
  public boolean canDeduct() {
    return false;
  }

  @Override
  public void deduct(EventBuffer<T> acc, EventBuffer<T> other) {
    throw new UnsupportedOperationException("event buffers cannot deduct");
  }

  @Override
  public R result(K key, TimeWindow window, FiringKind kind, EventBuffer<T> acc)
      throws Exception {
    if (evictor != null) {
      if (evictor.keepCount() > 0) {
        acc.keepLast(evictor.keepCount());
      } else {
        acc.keepWithin(evictor.keepMillis());
      }
    }
    return fn.apply(key, window, kind, acc.snapshotList());
  }

  @Override
  public StateCodec<EventBuffer<T>> codec() {
    return codec;
  }
}
