package dev.sluice.core.internal.runtime;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jctools.queues.MpscArrayQueue;

/**
 * Calls the outside asynchronously with bounded concurrency. Completions arrive from other
 * threads through a queue and are emitted by {@link #poll()} on the tasklet's thread, in input
 * order or as they complete. A watermark never overtakes an event that arrived before it. While
 * {@code maxConcurrency} calls are in flight the gate is closed and the tasklet takes no input.
 */
final class AsyncLink extends Link {
  private static final Object WATERMARK_ENTRY = new Object();

  /** One event's call, or a watermark held behind in-flight events. */
  private static final class Entry {
    Object event;
    long timestamp;
    boolean watermark;
    int attempt;
    int generation;
    long startedNanos;
    long retryAtNanos;
    boolean waitingForCircuit;
    boolean done;
    boolean dropped;
    Object result;
    Throwable error;
  }

  private record Completion(Entry entry, int generation, Object result, Throwable error) {}

  private final AsyncSpec spec;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final MpscArrayQueue<Completion> completions;
  private final java.util.SplittableRandom jitter;
  private int inFlight;
  private boolean gateClosed;
  private boolean endPending;
  private boolean endForwarded;
  private Gate gate;
  private EngineClock clock;

  AsyncLink(StageCounter counter, AsyncSpec spec) {
    super(counter);
    this.spec = spec;
    this.completions = new MpscArrayQueue<>(Math.max(4, spec.maxConcurrency() * 2));
    this.jitter = new java.util.SplittableRandom(counter.stage.hashCode());
  }

  @Override
  void open(TaskletContext context) {
    this.gate = context.gate();
    this.clock = context.clock();
  }

  @Override
  boolean isPollable() {
    return true;
  }

  @Override
  void onEvent(Object item, long timestamp) {
    counter.in++;
    Entry e = new Entry();
    e.event = item;
    e.timestamp = timestamp;
    entries.add(e);
    inFlight++;
    if (inFlight >= spec.maxConcurrency() && !gateClosed) {
      gateClosed = true;
      gate.closedBy++;
    }
    launch(e);
  }

  private void launch(Entry e) {
    CircuitBreaker cb = spec.circuitBreaker();
    if (cb != null && !cb.tryAcquirePermission()) {
      switch (spec.whileOpen()) {
        case WAIT -> {
          e.waitingForCircuit = true;
          return;
        }
        case DROP -> {
          counter.dropped++;
          finish(e, null, null, true);
          return;
        }
        case FAIL_FAST -> {
          if (spec.fallback() != null) {
            finish(e, applyFallback(e), null, false);
          } else {
            finish(e, null, CallNotPermittedException.createCallNotPermittedException(cb), false);
          }
          return;
        }
      }
    }
    e.waitingForCircuit = false;
    e.attempt++;
    e.startedNanos = clock.nanoTime();
    int generation = ++e.generation;
    CompletionStage<Object> stage;
    try {
      stage = spec.call().apply(e.event);
    } catch (RuntimeException | Error ex) {
      onCompleted(e, null, ex);
      return;
    }
    stage.whenComplete(
        (r, ex) -> {
          // Offered from the completing thread; the queue holds every call in flight.
          while (!completions.offer(new Completion(e, generation, r, ex))) {
            Thread.onSpinWait();
          }
        });
  }

  private Object applyFallback(Entry e) {
    try {
      return spec.fallback().apply(e.event);
    } catch (RuntimeException | Error ex) {
      throw new StageFailure(counter.stage, e.event, ex);
    }
  }

  /** A call came back (or failed synchronously, or timed out). */
  private void onCompleted(Entry e, Object result, Throwable error) {
    CircuitBreaker cb = spec.circuitBreaker();
    long took = clock.nanoTime() - e.startedNanos;
    if (counter.processing != null) {
      counter.processing.record(took); // every call: calls are few and slow
    }
    if (error == null) {
      if (cb != null) {
        cb.onSuccess(took, TimeUnit.NANOSECONDS);
      }
      finish(e, result, null, false);
      return;
    }
    Throwable cause = unwrap(error);
    if (cb != null) {
      boolean halfOpen = cb.getState() == CircuitBreaker.State.HALF_OPEN;
      cb.onError(took, TimeUnit.NANOSECONDS, cause);
      if (halfOpen && cb.getState() == CircuitBreaker.State.HALF_OPEN) {
        cb.transitionToOpenState(); // any failure while half-open opens again
      }
    }
    long waitMillis = spec.retry().delayMillis(e.attempt, jitter::nextDouble);
    if (waitMillis >= 0) {
      e.retryAtNanos = clock.nanoTime() + waitMillis * 1_000_000L + 1;
      e.generation++; // a late completion of the failed attempt is ignored
      return;
    }
    if (spec.fallback() != null) {
      finish(e, applyFallback(e), null, false);
    } else {
      finish(e, null, cause, false);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private void finish(Entry e, Object result, Throwable error, boolean dropped) {
    e.done = true;
    e.dropped = dropped;
    e.result = dropped ? null : result;
    e.error = error;
    e.retryAtNanos = 0;
  }

  @Override
  boolean poll() {
    boolean progress = false;
    Completion c;
    while ((c = completions.relaxedPoll()) != null) {
      Entry e = c.entry();
      if (!e.done && c.generation() == e.generation && e.retryAtNanos == 0) {
        onCompleted(e, c.result(), c.error());
        progress = true;
      }
    }
    long now = clock.nanoTime();
    for (Entry e : entries) {
      if (e.watermark || e.done) {
        continue;
      }
      if (e.waitingForCircuit) {
        launch(e);
        progress |= !e.waitingForCircuit;
      } else if (e.retryAtNanos != 0 && now >= e.retryAtNanos) {
        e.retryAtNanos = 0;
        launch(e);
        progress = true;
      } else if (spec.timeoutNanos() > 0
          && e.retryAtNanos == 0
          && now - e.startedNanos >= spec.timeoutNanos()) {
        e.generation++;
        onCompleted(
            e,
            null,
            new TimeoutException(
                "call of stage '" + counter.stage + "' timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(spec.timeoutNanos()) + " ms"));
        progress = true;
      }
    }
    progress |= emitReady();
    if (endPending && !endForwarded && entries.isEmpty()) {
      endForwarded = true;
      next.onEnd();
      progress = true;
    }
    return progress;
  }

  /** Emits finished calls: from the head in order, or any before the first held watermark. */
  private boolean emitReady() {
    boolean progress = false;
    if (spec.ordered()) {
      while (!entries.isEmpty() && (entries.peekFirst().done || entries.peekFirst().watermark)) {
        emit(entries.pollFirst());
        progress = true;
      }
    } else {
      Iterator<Entry> it = entries.iterator();
      while (it.hasNext()) {
        Entry e = it.next();
        if (e.watermark) {
          if (e == entries.peekFirst()) {
            it.remove();
            emit(e);
            progress = true;
            continue;
          }
          break;
        }
        if (e.done) {
          it.remove();
          emit(e);
          progress = true;
        }
      }
    }
    return progress;
  }

  private void emit(Entry e) {
    if (e.watermark) {
      noteWatermark(e.timestamp);
      next.onWatermark(e.timestamp);
      return;
    }
    inFlight--;
    if (gateClosed && inFlight < spec.maxConcurrency()) {
      gateClosed = false;
      gate.closedBy--;
    }
    if (e.error != null) {
      handleError(e.event, e.timestamp, e.error);
      return;
    }
    if (e.dropped) {
      return; // counted when dropped
    }
    if (e.result == null) {
      counter.filtered++; // the call completed with no value
      return;
    }
    counter.out++;
    next.onEvent(e.result, e.timestamp);
  }

  @Override
  void onWatermark(long watermark) {
    if (entries.isEmpty()) {
      noteWatermark(watermark);
      next.onWatermark(watermark);
      return;
    }
    Entry w = new Entry();
    w.watermark = true;
    w.timestamp = watermark;
    w.event = WATERMARK_ENTRY;
    entries.add(w);
  }

  @Override
  void onEnd() {
    endPending = true;
    if (entries.isEmpty()) {
      endForwarded = true;
      next.onEnd();
    }
  }

  @Override
  boolean isQuiescent() {
    return !endPending || endForwarded;
  }
}
