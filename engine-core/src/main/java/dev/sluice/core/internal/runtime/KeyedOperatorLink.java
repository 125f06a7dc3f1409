package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.TimerService;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a {@link KeyedOperator}: extracts the key, gives the operator keyed state and event-time
 * timers, fires due timers on each watermark. Counting as in {@link OperatorLinkBase}.
 */
final class KeyedOperatorLink extends OperatorLinkBase
    implements KeyedOperatorContext<Object>, EventTimeTimers.Handler<Object> {
  private final Function<Object, Object> keyFn;
  private final KeyedOperator<Object, Object, Object> operator;
  private final EventTimeTimers<Object> timers = new EventTimeTimers<>();
  private final Map<String, KeyedStateStore<Object, ?>> states = new HashMap<>();

  KeyedOperatorLink(
      StageCounter counter,
      Function<Object, Object> keyFn,
      KeyedOperator<Object, Object, Object> operator) {
    super(counter);
    this.keyFn = keyFn;
    this.operator = operator;
  }

  @Override
  void open(TaskletContext context) throws Exception {
    this.context = context;
    operator.open(this);
  }

  @Override
  void close(Throwable failure) throws Exception {
    operator.close();
  }

  @Override
  void invoke(Object item, long timestamp) throws Exception {
    operator.onEvent(keyFn.apply(item), item, timestamp, this);
  }

  @Override
  void onWatermark(long wm) {
    noteWatermark(wm);
    runCounted(
        () -> {
          timers.advance(wm, this);
          currentTimestamp = wm;
          operator.onWatermark(wm, this);
        });
    forwardWatermark(wm);
  }

  @Override
  public void onTimer(Object key, long time) throws Exception {
    currentTimestamp = time;
    operator.onTimer(key, time, this);
  }

  @Override
  void onEnd() {
    runCounted(() -> operator.onEnd(this));
    forwardEnd();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S> KeyedState<Object, S> state(String name, Supplier<S> initial) {
    return (KeyedState<Object, S>)
        states.computeIfAbsent(name, n -> new KeyedStateStore<Object, S>(initial));
  }

  @Override
  public TimerService<Object> timers() {
    return timers;
  }

  @Override
  public long currentWatermark() {
    return timers.currentWatermark();
  }
}
