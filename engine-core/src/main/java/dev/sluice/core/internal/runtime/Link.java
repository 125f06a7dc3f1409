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

  Link(StageCounter counter) {
    this.counter = counter;
  }

  abstract void onEvent(Object item, long timestamp);

  void onWatermark(long watermark) {
    next.onWatermark(watermark);
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

  /** Opens user code; called once on the tasklet's thread before any event. */
  void open(TaskletContext context) throws Exception {}

  /** Closes user code; called once when the tasklet finishes for any reason. */
  void close(Throwable failure) throws Exception {}

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
