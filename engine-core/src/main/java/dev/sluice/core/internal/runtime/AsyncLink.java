package dev.sluice.core.internal.runtime;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jctools.queues.MpscLinkedQueue;

/**
 * Calls the outside asynchronously with bounded concurrency. Answers arrive from other threads
 * through an unbounded queue (offered without waiting, so the thread completing a call never
 * blocks or spins) and are emitted by {@link #poll()} on the tasklet's thread, in input order or
 * as they complete. A watermark never overtakes an event that arrived before it. While {@code
 * maxConcurrency} calls are in flight the gate is closed and the tasklet takes no input.
 *
 * <p>A call that times out, or that is still in flight when the link closes (job cancelled or
 * failed), is abandoned: its future is cancelled ({@code toCompletableFuture().cancel(true)}, which
 * for a Reactor {@code Mono} cancels the subscription). An answer to a timed-out call that still
 * arrives is discarded and counted ({@code lateAnswers}); once the link has closed, answers are
 * ignored.
 */
final class AsyncLink extends Link {
  private static final Object WATERMARK_ENTRY = new Object();

  /** One event's call, or a watermark held behind in-flight events. */
  private static final class Entry {
    Object event;
    long timestamp;
    boolean watermark;
    int attempt;
    /** The attempt in flight; null while none is (before the first, waiting to retry, done). */
    Call call;
    long startedNanos;
    long retryAtNanos;
    boolean waitingForCircuit;
    boolean done;
    boolean dropped;
    Object result;
    Throwable error;
  }

  /** Where the answers of a link's calls go; shared by the link and its calls. */
  private static final class Inbox {
    final MpscLinkedQueue<Call> answers = new MpscLinkedQueue<>();
    /** Set when the link closes: answers are then ignored. */
    volatile boolean closed;
  }

  /**
   * One attempt of one event's call. Completed from any thread: the completing thread only moves
   * the state with one compare-and-set and offers to an unbounded queue (wait-free), so it never
   * blocks or spins, whatever the state of the job.
   */
  private static final class Call implements BiConsumer<Object, Throwable> {
    static final int PENDING = 0;
    /** The answer came in time; it is (being) offered to the inbox. */
    static final int ANSWERED = 1;
    /** Timed out or the link closed; the future was (being) cancelled. */
    static final int ABANDONED = 2;
    /** An answer (not the cancellation) arrived after the call was abandoned. */
    static final int LATE = 3;

    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Call.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final Inbox inbox;
    final Entry entry;
    /** The call's stage; written and read by the tasklet thread only. */
    CompletionStage<Object> stage;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Written by the completing thread before the call is offered to the inbox. */
    Object result;
    Throwable error;

    Call(Inbox inbox, Entry entry) {
      this.inbox = inbox;
      this.entry = entry;
    }

    int state() {
      return (int) STATE.getVolatile(this);
    }

    /** Abandons the call unless it was answered first; tasklet thread. */
    boolean tryAbandon() {
      return STATE.compareAndSet(this, PENDING, ABANDONED);
    }

    @Override
    public void accept(Object r, Throwable ex) {
      if (STATE.compareAndSet(this, PENDING, ANSWERED)) {
        result = r;
        error = ex;
      } else if (unwrap(ex) instanceof CancellationException
          || !STATE.compareAndSet(this, ABANDONED, LATE)) {
        return; // the cancellation of an abandoned call is not an answer
      }
      if (!inbox.closed) {
        inbox.answers.offer(this); // unbounded, wait-free: never blocks the completing thread
      }
    }
  }

  private final AsyncSpec spec;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final Inbox inbox = new Inbox();
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
    this.jitter = new java.util.SplittableRandom(counter.stage.hashCode());
  }

  @Override
  void open(TaskletContext context) {
    this.gate = context.gate();
    this.clock = context.clock();
    this.instanceIndex = context.instanceIndex();
    if (restoredInFlight != null) {
      // the calls in flight at the restored checkpoint are made again, before any new input
      List<byte[]> events = restoredInFlight;
      restoredInFlight = null;
      for (byte[] b : events) {
        java.io.DataInputStream in =
            new java.io.DataInputStream(new java.io.ByteArrayInputStream(b));
        Object event;
        long timestamp;
        try {
          timestamp = in.readLong();
          event = EVENTS.decode(in);
        } catch (java.io.IOException e) {
          throw new StageFailure(
              counter.stage, null,
              new IllegalStateException("cannot decode an in-flight event of the checkpoint", e));
        }
        onEvent(event, timestamp);
      }
    }
  }

  private static final dev.sluice.core.state.StateCodec<Object> EVENTS =
      dev.sluice.core.state.StateCodecs.dynamic();
  private int instanceIndex;
  private List<byte[]> restoredInFlight;

  /** Gives this instance the in-flight events of the restored checkpoint (before open). */
  void restoreInFlight(List<byte[]> events) {
    this.restoredInFlight = events;
  }

  /**
   * Stores the events whose calls are in flight (or whose results are not yet emitted); the
   * barrier then goes on at once, ahead of their results: a restore makes those calls again.
   */
  @Override
  void snapshotInto(CheckpointParts parts) {
    if (checkpointUid == null) {
      return;
    }
    List<byte[]> events = new java.util.ArrayList<>();
    for (Entry e : entries) {
      if (e.watermark) {
        continue;
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
      try {
        out.writeLong(e.timestamp);
        EVENTS.encode(e.event, out);
        out.flush();
      } catch (java.io.IOException | RuntimeException x) {
        throw new StageFailure(
            counter.stage, e.event,
            new IllegalStateException(
                "cannot store an in-flight event of type " + e.event.getClass().getName()
                    + " in a checkpoint: " + x.getMessage(), x));
      }
      events.add(bytes.toByteArray());
    }
    parts.put(CheckpointParts.ASYNC, checkpointUid, instanceIndex, RestoreState.encodeList(events));
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
    CompletionStage<Object> stage;
    try {
      stage = spec.call().apply(e.event);
    } catch (RuntimeException | Error ex) {
      onCompleted(e, null, ex);
      return;
    }
    if (stage == null) {
      onCompleted(
          e,
          null,
          new NullPointerException(
              "the function of async stage '" + counter.stage
                  + "' returned null instead of a CompletionStage"));
      return;
    }
    Call call = new Call(inbox, e);
    call.stage = stage;
    e.call = call;
    stage.whenComplete(call);
  }

  /**
   * Cancels an abandoned call's future so that the client can stop the work. A stage that cannot
   * be converted to a future ({@code UnsupportedOperationException}) is left to complete.
   */
  private void cancel(Call call) {
    try {
      call.stage.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException notInteroperable) {
      // nothing to cancel through; its answer will be discarded
    }
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
    boolean progress = errors.flushHeld();
    Call c;
    while ((c = inbox.answers.relaxedPoll()) != null) {
      progress = true;
      if (c.state() == Call.LATE) {
        counter.lateAnswers++; // an answer after the timeout: discarded
        continue;
      }
      Entry e = c.entry;
      if (!e.done && e.call == c) {
        e.call = null;
        onCompleted(e, c.result, c.error);
      }
    }
    long now = clock.nanoTime();
    long timeoutNanos = spec.timeoutNanos();
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
      } else if (timeoutNanos > 0
          && e.call != null
          && now - e.startedNanos >= timeoutNanos
          && e.call.tryAbandon()) { // else answered just now: taken on the next poll
        Call timedOut = e.call;
        e.call = null;
        cancel(timedOut);
        onCompleted(
            e,
            null,
            new TimeoutException(
                "call of stage '" + counter.stage + "' timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
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

  /**
   * Ends the link: answers arriving from now on are ignored, and calls still in flight (the job
   * was cancelled or failed) are abandoned and their futures cancelled.
   */
  @Override
  void close(Throwable failure) {
    inbox.closed = true;
    RuntimeException first = null;
    for (Entry e : entries) {
      Call c = e.call;
      if (c != null && c.tryAbandon()) {
        e.call = null;
        try {
          cancel(c);
        } catch (RuntimeException ex) {
          if (first == null) {
            first = ex;
          } else {
            first.addSuppressed(ex);
          }
        }
      }
    }
    inbox.answers.clear();
    if (first != null) {
      throw first;
    }
  }

  @Override
  boolean isQuiescent() {
    return !endPending || endForwarded;
  }
}
