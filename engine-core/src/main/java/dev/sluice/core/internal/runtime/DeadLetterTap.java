package dev.sluice.core.internal.runtime;

/**
 * Sits right behind a stage that is not an operator (map, filter, flatMap, peek, timestamps,
 * async, partition) and whose own dead-letter port the pipeline connects: it passes events on
 * untouched and, after the stage's watermarks, idleness and end went downstream, hands them to
 * the port too. The stage's dead letters reach the port while it handles an event (or, for an
 * async stage, before it forwards a watermark or the end), so the port sees them in order with
 * those control items. Only chains with such a port carry a tap: other chains pay nothing.
 *
 * <p>Single-threaded, like its chain.
 */
final class DeadLetterTap extends Link {
  private final Link port;

  DeadLetterTap(Link port) {
    super(null);
    this.port = port;
  }

  @Override
  void onEvent(Object item, long timestamp) {
    next.onEvent(item, timestamp);
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    next.onEventTimed(item, timestamp);
  }

  @Override
  void onWatermark(long watermark) {
    next.onWatermark(watermark);
    port.onWatermark(watermark);
    port.syncGate();
  }

  @Override
  void onBarrier(long checkpointId, CheckpointParts parts) {
    next.onBarrier(checkpointId, parts);
    port.onBarrier(checkpointId, parts);
    port.syncGate();
  }

  @Override
  void onIdle() {
    next.onIdle();
    port.onIdle();
    port.syncGate();
  }

  @Override
  void onEnd() {
    next.onEnd();
    port.onEnd();
    port.syncGate();
  }
}
