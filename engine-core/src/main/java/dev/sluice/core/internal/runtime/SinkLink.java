package dev.sluice.core.internal.runtime;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;

/**
 * The tail of a chain that ends in a sink. A refused event (the writer has no room or no
 * demand) is kept, in order with later ones, and the tasklet stops taking input until the
 * writer accepts it. A writer that fails, including its first creation, is restarted as the
 * sink's restart strategy allows (never while the job is stopping).
 */
final class SinkLink extends Link {
  private final Sink<Object> sink;
  private final JobExecution job;
  private SinkWriter<Object> writer;
  private final Spill spill = new Spill();
  private boolean endPending;
  private boolean completed;

  private final dev.sluice.core.fault.RestartStrategy restartStrategy;
  private RestartTracker restarts;
  private long restartAtNanos = -1;
  private TaskletContext context;
  /** The tasklet's gate: closed while the spill holds events, so the tasklet takes no input. */
  private Gate gate;

  SinkLink(
      StageCounter counter,
      Sink<Object> sink,
      dev.sluice.core.fault.RestartStrategy restart,
      JobExecution job) {
    super(counter);
    this.sink = sink;
    this.restartStrategy = restart;
    this.job = job;
  }

  @Override
  void open(TaskletContext context) throws Exception {
    this.context = context;
    this.gate = context.gate();
    this.restarts = new RestartTracker(restartStrategy, context.clock(), counter.stage.hashCode());
    tryCreateWriter();
  }

  /**
   * Creates the writer, or schedules its restart if that fails and the strategy allows.
   *
   * @return false if there is no writer yet
   * @throws StageFailure if creating failed and no restart is left
   */
  private boolean tryCreateWriter() {
    try {
      writer = sink.createWriter(context.instanceIndex(), context.parallelism());
      return true;
    } catch (Exception | Error e) {
      if (!scheduleRestart(e)) {
        throw new StageFailure(counter.stage, null, e);
      }
      return false;
    }
  }

  /** After a failure: closes the writer and schedules a new one, if allowed; false if not. */
  private boolean scheduleRestart(Throwable e) {
    if (job.isStopping()) {
      return false;
    }
    long at = restarts.onFailure();
    if (at < 0) {
      return false;
    }
    counter.restarts++;
    job.stageRestarted(
        counter.stage, context.instanceIndex(), restarts.restarts(), restarts.lastDelayMillis(), e);
    try {
      if (writer != null) {
        writer.close(e);
      }
    } catch (Exception | Error closeFailure) {
      e.addSuppressed(closeFailure);
    }
    writer = null;
    restartAtNanos = at;
    return true;
  }

  @Override
  void onEvent(Object item, long timestamp) {
    StageCounter c = counter;
    c.in++;
    if (!spill.isEmpty()) {
      spill.add(item, timestamp);
      return;
    }
    int r = offer(item, timestamp);
    if (r == REFUSED) {
      gate.closedBy++; // reopened when the spill is empty again (tryUnblock)
      spill.add(item, timestamp);
    } else if (r == WRITTEN) {
      c.out++;
      if ((c.out & END_TO_END_SAMPLE_MASK) == 0 && timestamp != dev.sluice.core.Timestamps.NONE) {
        observe(timestamp); // one written event in 64 that has a timestamp
      }
    } else if (r == DROPPED) {
      c.dropped++;
    }
  }

  /** Records a sampled event's end-to-end latency. */
  private void observe(long timestamp) {
    if (timestamp != dev.sluice.core.Timestamps.NONE && counter.endToEnd != null) {
      counter.endToEnd.record((context.clock().currentTimeMillis() - timestamp) * 1_000_000L);
    }
  }

  private static final long END_TO_END_SAMPLE_MASK = 63;
  private static final int WRITTEN = 0;
  private static final int REFUSED = 1;
  private static final int HANDLED = 2;
  /** Accepted by a {@link DroppingWriter} that dropped it (an open circuit under DROP). */
  private static final int DROPPED = 3;

  /**
   * Offers to the writer. A writer failure restarts the writer if the restart strategy allows
   * (the event is offered again to the new writer), else goes to the stage's error policy.
   */
  private int offer(Object item, long timestamp) {
    if (writer == null) {
      if (context.clock().nanoTime() < restartAtNanos) {
        return REFUSED;
      }
      try {
        writer = sink.createWriter(context.instanceIndex(), context.parallelism());
      } catch (Exception | Error e) {
        return restartOrHandle(item, timestamp, e);
      }
    }
    try {
      if (!writer.offer(item, timestamp)) {
        return REFUSED;
      }
      return writer instanceof DroppingWriter d && d.droppedLast() ? DROPPED : WRITTEN;
    } catch (java.util.concurrent.CancellationException e) {
      throw new StageFailure(counter.stage, item, e);
    } catch (Exception | Error e) {
      return restartOrHandle(item, timestamp, e);
    }
  }

  private int restartOrHandle(Object item, long timestamp, Throwable e) {
    if (scheduleRestart(e)) {
      return REFUSED; // kept, offered again to the restarted writer
    }
    return handle(item, timestamp, e);
  }

  private int handle(Object item, long timestamp, Throwable e) {
    Object replacement = errors.onError(item, timestamp, e);
    if (replacement != null && writer != null) {
      // REPLACE at a sink: write the replacement instead (once; a second failure is final)
      try {
        if (writer.offer(replacement, timestamp)) {
          return WRITTEN;
        }
        counter.filtered++; // the writer had no room for the replacement either
      } catch (Exception | Error e2) {
        throw new StageFailure(counter.stage, replacement, e2);
      }
    } else if (replacement != null) {
      counter.filtered++;
    }
    return HANDLED;
  }



  /**
   * Connects the sink's own dead-letter port: control items reach it after the sink handled
   * them. A control item reaches the sink only when no refused event is pending (the tasklet
   * takes no input while one is), so every dead letter of the events before it precedes it.
   */
  @Override
  boolean connectDeadLetterPort(Link port) {
    this.deadLetterPort = port;
    return true;
  }

  private Link deadLetterPort;

  @Override
  void onWatermark(long watermark) {
    noteWatermark(watermark);
    Link p = deadLetterPort;
    if (p != null) {
      p.onWatermark(watermark);
      p.syncGate();
    }
  }

  @Override
  void onIdle() {
    Link p = deadLetterPort;
    if (p != null) {
      p.onIdle();
      p.syncGate();
    }
  }

  @Override
  void onEnd() {
    endPending = true;
    Link p = deadLetterPort;
    if (p != null) {
      p.onEnd();
      p.syncGate();
    }
  }

  @Override
  void onEndOfBatch() {
    if (writer == null) {
      return;
    }
    try {
      writer.flush();
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
  }

  @Override
  void onIdleCheck(long nowNanos) {}

  @Override
  void close(Throwable failure) throws Exception {
    if (writer != null) {
      writer.close(failure);
    }
  }

  @Override
  boolean isBlocked() {
    return !spill.isEmpty();
  }

  @Override
  boolean tryUnblock() {
    while (!spill.isEmpty()) {
      int r = offer(spill.peekItem(), spill.peekTimestamp());
      if (r == REFUSED) {
        return false;
      }
      if (r == WRITTEN) {
        counter.out++;
      } else if (r == DROPPED) {
        counter.dropped++;
      }
      spill.removeFirst();
      if (spill.isEmpty()) {
        gate.closedBy--;
      }
    }
    return true;
  }

  @Override
  void flushPartial() {
    onEndOfBatch();
  }

  @Override
  boolean isFlushed() {
    if (!spill.isEmpty()) {
      return false;
    }
    if (endPending && !completed) {
      if (writer == null
          && (context.clock().nanoTime() < restartAtNanos || !tryCreateWriter())) {
        return false; // no writer yet (waiting to restart it): complete it once there is one
      }
      completed = true;
      try {
        writer.complete();
      } catch (Exception | Error e) {
        throw new StageFailure(counter.stage, null, e);
      }
    }
    return true;
  }
}
