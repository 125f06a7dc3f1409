package dev.sluice.core.fault;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.internal.runtime.DroppingWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Wraps a sink in a circuit breaker. Each write is a call: a writer exception is recorded as a
 * failure; after {@link CircuitBreakerSettings#failureThreshold()} consecutive failures the circuit
 * opens and no write is attempted until the reset timeout has passed. While open, {@link
 * CircuitBreakerSettings#whileOpen()} decides: {@code FAIL_FAST} throws {@link
 * CallNotPermittedException} into the sink stage's error policy (set {@link
 * ErrorPolicy#DEAD_LETTER} on the sink stage to keep the events), {@code WAIT} refuses the event
 * (the pipeline is held back, nothing is lost), {@code DROP} drops it: the sink stage counts it in
 * {@code dropped} (not {@code out}), and {@link #droppedCount()} counts it too.
 *
 * <p>A failed write is not retried by the breaker: the writer exception goes to the sink stage's
 * error policy (FAIL by default), so give the sink stage SKIP or DEAD_LETTER to keep the job
 * running through failures.
 *
 * <p><b>Threading:</b> the breaker is shared by the sink's parallel instances (it guards one
 * destination). {@link #transitions()}, {@link #droppedCount()} and {@link #rejectedCount()} may
 * be read from any thread.
 *
 * @param <T> event type
 */
public final class CircuitBreakingSink<T> implements Sink<T> {
  private final Sink<T> delegate;
  private final CircuitBreakerSettings settings;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final List<CircuitTransition> transitions = new CopyOnWriteArrayList<>();
  private final List<Consumer<CircuitTransition>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /** Wraps {@code delegate} with a breaker on the system clock. */
  public CircuitBreakingSink(Sink<T> delegate, CircuitBreakerSettings settings) {
    this(delegate, settings, Clock.systemUTC());
  }

  /** Wraps {@code delegate} with a breaker on {@code clock} (a {@link ManualClock} in tests). */
  public CircuitBreakingSink(Sink<T> delegate, CircuitBreakerSettings settings, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.breaker = settings.create(clock);
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> {
              CircuitTransition t =
                  new CircuitTransition(
                      settings.name(),
                      e.getStateTransition().getFromState().name(),
                      e.getStateTransition().getToState().name(),
                      clock.millis());
              transitions.add(t);
              for (Consumer<CircuitTransition> l : listeners) {
                l.accept(t);
              }
            });
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean isBlocking() {
    return delegate.isBlocking();
  }

  @Override
  public int maxParallelism() {
    return delegate.maxParallelism();
  }

  /**
   * Calls {@code listener} on every state transition, on the thread that caused it, until it is
   * removed. An engine running a job with this sink adds a listener when the job starts and
   * removes it when the job ends.
   */
  public CircuitBreakingSink<T> onTransition(Consumer<CircuitTransition> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Removes a listener added with {@link #onTransition}; thread-safe.
   *
   * @return true if it was registered
   */
  public boolean removeTransitionListener(Consumer<CircuitTransition> listener) {
    return listeners.remove(listener);
  }

  /** The breaker (for its metrics and state). */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  /** Every transition so far, oldest first. */
  public List<CircuitTransition> transitions() {
    return List.copyOf(transitions);
  }

  /** Events dropped while open under {@link WhileOpen#DROP}. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Writes refused while open (every policy; WAIT counts each refused offer). */
  public long rejectedCount() {
    return rejected.get();
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) throws Exception {
    return new BreakingWriter(delegate.createWriter(instanceIndex, parallelism));
  }

  /** One instance's writer: each write is a call through the breaker. */
  private final class BreakingWriter implements SinkWriter<T>, DroppingWriter {
    private final SinkWriter<T> inner;
    /** The last accepted offer dropped its event (open circuit under DROP). */
    private boolean droppedLast;

    BreakingWriter(SinkWriter<T> inner) {
      this.inner = inner;
    }

    @Override
    public boolean offer(T event, long timestamp) throws Exception {
      droppedLast = false;
      if (!breaker.tryAcquirePermission()) {
        rejected.incrementAndGet();
        switch (settings.whileOpen()) {
          case WAIT:
            return false;
          case DROP:
            dropped.incrementAndGet();
            droppedLast = true; // accepted, not written: the sink stage counts it as dropped
            return true;
          default:
            throw CallNotPermittedException.createCallNotPermittedException(breaker);
        }
      }
      long start = System.nanoTime();
      boolean halfOpen = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
      boolean accepted;
      try {
        accepted = inner.offer(event, timestamp);
      } catch (Exception | Error e) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        if (halfOpen && breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
          breaker.transitionToOpenState(); // any failure while half-open opens again
        }
        throw e;
      }
      if (accepted) {
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      } else {
        breaker.releasePermission(); // not a call: the writer had no room
      }
      return accepted;
    }

    @Override
    public boolean droppedLast() {
      return droppedLast;
    }

    @Override
    public void flush() throws Exception {
      inner.flush();
    }

    @Override
    public void complete() throws Exception {
      inner.complete();
    }

    @Override
    public void close(Throwable failure) throws Exception {
      inner.close(failure);
    }
  }
}
