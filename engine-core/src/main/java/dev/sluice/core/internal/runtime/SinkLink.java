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
  // ---- checkpoints (two-phase commit)
  /** Committables of the restored checkpoint for this instance; null for a fresh start. */
  private java.util.List<byte[]> recoverWith;
  private boolean recovered;
  /** Prepared transactions not yet known committed: their checkpoint ids and committables. */
  private final java.util.ArrayList<Long> preparedIds = new java.util.ArrayList<>();
  private final java.util.ArrayList<byte[]> prepared = new java.util.ArrayList<>();
  /** The checkpoint whose barrier passed after the end of input; -1 while none. */
  private long endCheckpoint = -1;
  /** The newest checkpoint delivered as complete. */
  private long committedUpTo = -1;

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
      writer = newWriter();
      return true;
    } catch (Exception | Error e) {
      if (!scheduleRestart(e)) {
        throw new StageFailure(counter.stage, null, e);
      }
      return false;
    }
  }

  /**
   * Creates the writer; with checkpointing or a restore, an exactly-once writer first recovers
   * the committables of the restored checkpoint (none on a fresh start: it aborts leftovers).
   */
  private SinkWriter<Object> newWriter() throws Exception {
    SinkWriter<Object> w = sink.createWriter(context.instanceIndex(), context.parallelism());
    if ((checkpoints != null || recoverWith != null)
        && !recovered
        && w instanceof dev.sluice.core.checkpoint.TwoPhaseCommitWriter<?> t) {
      recovered = true;
      try {
        t.recover(recoverWith == null ? java.util.List.of() : recoverWith);
      } catch (Exception | Error e) {
        try {
          w.close(e);
        } catch (Exception | Error closeFailure) {
          e.addSuppressed(closeFailure);
        }
        throw e;
      }
      recoverWith = null;
    }
    return w;
  }

  /** Gives this instance the committables of the restored checkpoint (before open). */
  @Override
  void restoreCommittables(java.util.List<byte[]> committables) {
    this.recoverWith = committables;
  }

  /**
   * A barrier: an exactly-once writer pre-commits its open transaction (the committable goes
   * into the checkpoint with those still waiting for their commit); any other writer is flushed,
   * which makes its output at-least-once. A barrier reaches the sink only when no refused event
   * is pending, so every event before it is in the writer.
   */
  @Override
  void onBarrier(long checkpointId, CheckpointParts parts) {
    snapshotInto(parts);
    Link p = deadLetterPort;
    if (p != null) {
      p.onBarrier(checkpointId, parts);
      p.syncGate();
    }
  }

  @Override
  void snapshotInto(CheckpointParts parts) {
    if (!parts.isFinal && writer != null) {
      try {
        if (writer instanceof dev.sluice.core.checkpoint.TwoPhaseCommitWriter<?> t) {
          byte[] c = t.prepareCommit(parts.checkpointId);
          if (c == null) {
            throw new NullPointerException("prepareCommit returned null");
          }
          preparedIds.add(parts.checkpointId);
          prepared.add(c);
        } else {
          writer.flush();
        }
      } catch (Exception | Error e) {
        throw new StageFailure(counter.stage, null, e);
      }
    }
    if (!parts.isFinal && endPending) {
      endCheckpoint = parts.checkpointId;
    }
    if (checkpointUid != null) {
      java.util.List<byte[]> waiting = prepared;
      if (recoverWith != null) { // not yet handed to a writer: still waiting for their commit
        waiting = new java.util.ArrayList<>(recoverWith);
        waiting.addAll(prepared);
      }
      parts.put(
          CheckpointParts.SINK, checkpointUid, context.instanceIndex(),
          RestoreState.encodeList(waiting));
    }
  }

  @Override
  void checkpointComplete(long checkpointId) throws Exception {
    committedUpTo = Math.max(committedUpTo, checkpointId);
    if (writer instanceof dev.sluice.core.checkpoint.CheckpointListener l) {
      l.checkpointComplete(checkpointId);
    }
    while (!preparedIds.isEmpty() && preparedIds.get(0) <= checkpointId) {
      preparedIds.remove(0);
      prepared.remove(0);
    }
  }

  @Override
  void checkpointAborted(long checkpointId) throws Exception {
    if (endCheckpoint == checkpointId) {
      endCheckpoint = -1; // the final checkpoint failed: ask for another
    }
    if (writer instanceof dev.sluice.core.checkpoint.CheckpointListener l) {
      l.checkpointAborted(checkpointId);
    }
  }

  /** After a failure: closes the writer and schedules a new one, if allowed; false if not. */
  private boolean scheduleRestart(Throwable e) {
    if (job.isStopping()
        || (checkpoints != null
            && writer instanceof dev.sluice.core.checkpoint.TwoPhaseCommitWriter)) {
      // an exactly-once writer is not restarted on its own (its open transaction would be
      // lost): the job restarts from its last checkpoint instead
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
        writer = newWriter();
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
      if (writer instanceof dev.sluice.core.checkpoint.TwoPhaseCommitWriter<?> t) {
        if (checkpoints == null) {
          // no checkpoints: the whole output is one transaction, committed at the end
          try {
            t.prepareCommit(0);
            t.checkpointComplete(0);
          } catch (Exception | Error e) {
            throw new StageFailure(counter.stage, null, e);
          }
        } else if (endCheckpoint < 0 || checkpoints.aborted >= endCheckpoint) {
          endCheckpoint = -1;
          checkpoints.requestFinal(); // its barrier passes while the tasklet ends
          return false;
        } else if (committedUpTo < endCheckpoint) {
          return false; // waiting for the final checkpoint to complete
        }
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
