package dev.sluice.windowing.internal;

/**
 * Implemented by every window operator: how many entries its managed state holds (state entries
 * plus pending timers), so that tests of whole jobs can check that the final watermark released
 * every window.
 */
interface StateEntries {

  /** Entries of the operator's managed state plus its pending timers, on this instance. */
  int stateEntries();
}
