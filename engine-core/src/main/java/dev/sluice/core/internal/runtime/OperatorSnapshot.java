package dev.sluice.core.internal.runtime;

import dev.sluice.core.internal.state.KeyedStateSnapshot;
import dev.sluice.core.internal.state.OperatorStateSnapshot;
import java.util.Map;
import java.util.SortedMap;

/**
 * The state of one operator instance at one moment: its keyed state (per key group), its timers
 * (per key group, both domains) and its operator state. Immutable.
 *
 * @param keyed keyed state; null for a non-keyed operator
 * @param eventTimers per key group, the encoded event-time timers
 * @param processingTimers per key group, the encoded processing-time timers
 * @param operator list and broadcast state
 * @param watermark the operator's current watermark ({@code Long.MIN_VALUE} before the first); a
 *     restore starts from the least watermark of the snapshots it restores
 */
public record OperatorSnapshot(
    KeyedStateSnapshot keyed,
    SortedMap<Integer, byte[]> eventTimers,
    SortedMap<Integer, byte[]> processingTimers,
    OperatorStateSnapshot operator,
    long watermark) {

  /** Copies the timer maps so that the snapshot cannot change. */
  public OperatorSnapshot {
    eventTimers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(eventTimers));
    processingTimers =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(processingTimers));
  }

  /** Total encoded size in bytes. */
  public long sizeBytes() {
    long n = (keyed == null ? 0 : keyed.sizeBytes()) + (operator == null ? 0 : operator.sizeBytes());
    for (Map.Entry<Integer, byte[]> e : eventTimers.entrySet()) {
      n += e.getValue().length;
    }
    for (Map.Entry<Integer, byte[]> e : processingTimers.entrySet()) {
      n += e.getValue().length;
    }
    return n;
  }
}
