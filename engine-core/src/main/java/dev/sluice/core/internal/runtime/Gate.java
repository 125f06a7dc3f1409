package dev.sluice.core.internal.runtime;

/**
 * Closed while some link other than the tail (an async stage at its concurrency limit) cannot
 * take more input; the tasklet then stops feeding its chain. Single-threaded.
 */
final class Gate {
  int closedBy;

  boolean isClosed() {
    return closedBy > 0;
  }
}
