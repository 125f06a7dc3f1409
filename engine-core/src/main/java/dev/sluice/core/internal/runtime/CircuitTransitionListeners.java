package dev.sluice.core.internal.runtime;

import dev.sluice.core.fault.CircuitTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans the state transitions of one circuit breaker out to listeners that come and go (one per
 * running job). Resilience4j's event publisher cannot remove a consumer, so exactly one consumer
 * is registered with the breaker, here, when the breaker is created; jobs add and remove theirs
 * on this list. Thread-safe; listeners run on the thread that caused the transition.
 */
public final class CircuitTransitionListeners {
  private final List<Consumer<CircuitTransition>> listeners = new CopyOnWriteArrayList<>();

  /** Watches {@code breaker}; transitions are stamped with {@code clock}. */
  public CircuitTransitionListeners(CircuitBreaker breaker, Clock clock) {
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> {
              CircuitTransition t =
                  new CircuitTransition(
                      breaker.getName(),
                      e.getStateTransition().getFromState().name(),
                      e.getStateTransition().getToState().name(),
                      clock.millis());
              for (Consumer<CircuitTransition> l : listeners) {
                l.accept(t);
              }
            });
  }

  void add(Consumer<CircuitTransition> listener) {
    listeners.add(listener);
  }

  boolean remove(Consumer<CircuitTransition> listener) {
    return listeners.remove(listener);
  }
}
