package dev.sluice.core.internal.runtime;

/**
 * One step of a fused chain: receives an event and calls the next step directly, so a chain of
 * stages costs a method call per stage and no queue. The last link of a chain is a tail (an
 * {@link Outlet} or a {@link SinkLink}) that reports whether it is blocked by a full downstream.
 *
 * <p>Single-threaded: a chain runs on the thread of its tasklet.
 */
abstract class Link {
  /** The next link; null only for a tail. */
  Link next;
  /** The counters of the stage this link implements; null for tails that own none. */
  final StageCounter counter;
  /** The stage's error policy; FAIL unless the job builder sets another. */
  ErrorHandler errors;
  /**
   * The stage's stable uid, naming its parts in checkpoints; set by the job builder (null in
   * links that hold no checkpointed state).
   */
  String checkpointUid;
  /** The job's checkpointing, or null when the job takes no checkpoints; set by the builder. */
  CheckpointCoordinator checkpoints;

  Link(StageCounter counter) {
    this.counter = counter;
    this.errors = counter == null ? null : ErrorHandler.failing(counter);
  }

  /**
   * Applies the error policy to a failure on {@code item}: emits a replacement if the policy
   * gives one, else nothing; throws {@link StageFailure} under FAIL.
   */
  final void handleError(Object item, long timestamp, Throwable error) {
    Object replacement;
    try {
      replacement = errors.onError(item, timestamp, error);
    } catch (StageFailure f) {
      counter.failedEvents++; // the job fails on this event: it neither went out nor was filtered
      throw f;
    }
    if (replacement != null) {
      if (!counter.outDerived) {
        counter.out++;
      }
      next.onEvent(replacement, timestamp);
    }
  }

  abstract void onEvent(Object item, long timestamp);

  /**
   * Like {@link #onEvent}, for a sampled event: stages time their user code on it and pass it on
   * timed, and sinks measure its end-to-end latency. One event per sampled tasklet call takes this
   * path, so the per-event path ({@link #onEvent}) carries no metrics code at all.
   */
  void onEventTimed(Object item, long timestamp) {
    onEvent(item, timestamp);
  }

  /** Records {@code nanos} of user-code time on a timed event. */
  final void recordProcessing(long startNanos) {
    if (counter.processing != null) {
      counter.processing.record(System.nanoTime() - startNanos);
    }
  }

  void onWatermark(long watermark) {
    noteWatermark(watermark);
    next.onWatermark(watermark);
  }

  /** Records the stage's watermark for metrics. */
  final void noteWatermark(long watermark) {
    if (counter != null) {
      counter.watermark = watermark;
    }
  }

  void onIdle() {
    next.onIdle();
  }

  /** The input ended; the final watermark was already delivered. */
  void onEnd() {
    next.onEnd();
  }

  void onEndOfBatch() {
    next.onEndOfBatch();
  }

  void onIdleCheck(long nowNanos) {
    next.onIdleCheck(nowNanos);
  }

  /**
   * A checkpoint barrier passes: adds this link's state to {@code parts}, then forwards the
   * barrier. Synchronous, on the tasklet's thread, between two events.
   */
  void onBarrier(long checkpointId, CheckpointParts parts) {
    snapshotInto(parts);
    next.onBarrier(checkpointId, parts);
  }

  /** Adds this link's state to {@code parts}; stateless links add nothing. */
  void snapshotInto(CheckpointParts parts) {}

  /** A sink's committables from the restored checkpoint; only sinks override. */
  void restoreCommittables(java.util.List<byte[]> committables) {}

  /** Checkpoint {@code checkpointId} is complete; on the tasklet's thread. */
  void checkpointComplete(long checkpointId) throws Exception {}

  /** Checkpoint {@code checkpointId} will never complete; on the tasklet's thread. */
  void checkpointAborted(long checkpointId) throws Exception {}

  /** Opens user code; called once on the tasklet's thread before any event. */
  void open(TaskletContext context) throws Exception {}

  /** Closes user code; called once when the tasklet finishes for any reason. */
  void close(Throwable failure) throws Exception {}

  // Polling protocol: links with work arriving from other threads (async stages) override it;
  // a link whose error policy may hold dead letters for a full dead-letter output (BLOCK) is
  // polled to send them.

  /** True if the tasklet must call {@link #poll()} on every step. */
  boolean isPollable() {
    return errors != null && errors.mayHoldDeadLetters();
  }

  /** Emits what arrived from other threads; returns true if it did anything. */
  boolean poll() {
    return errors.flushHeld();
  }

  /** True when nothing is pending inside the link (checked before a tasklet finishes). */
  boolean isQuiescent() {
    return true;
  }

  /**
   * For a side port ({@link Outlet}): closes or reopens the tasklet's gate as its spill demands;
   * called after each item handed to a side port. Other links have no gate to keep.
   */
  void syncGate() {}

  /**
   * Connects the stage's own dead-letter port to a link that forwards control items to it
   * itself (a sink, the end of its chain). A virtual call rather than a type test: the job builder
   * may hold a per-chain copy of the link class ({@link SpecializedLinks}), which is not a
   * subclass of the class it was copied from.
   *
   * @return false if the link does not, and a tap must follow it
   */
  boolean connectDeadLetterPort(Link port) {
    return false;
  }

  // Tail protocol; only tails override.

  boolean isBlocked() {
    return false;
  }

  boolean tryUnblock() {
    return true;
  }

  void flushPartial() {}

  boolean isFlushed() {
    return true;
  }
}
