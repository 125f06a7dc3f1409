package dev.sluice.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded log of state changes, alerts, failures and circuit transitions, newest kept: when
 * full, recording overwrites the oldest entry and counts it in {@link #overwritten()}.
 *
 * <p><b>Threading:</b> thread-safe (synchronized); not on any per-event path.
 */
public final class DebugEventLog {
  private final DebugEvent[] ring;
  private int next;
  private int size;
  private long overwritten;

  /** A log keeping the newest {@code capacity} events. */
  public DebugEventLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.ring = new DebugEvent[capacity];
  }

  /** Records an event now. */
  public void record(DebugEvent.Kind kind, String subject, String message) {
    record(new DebugEvent(System.currentTimeMillis(), kind, subject, message));
  }

  /** Records {@code event}. */
  public synchronized void record(DebugEvent event) {
    if (size == ring.length) {
      overwritten++;
    } else {
      size++;
    }
    ring[next] = event;
    next = (next + 1) % ring.length;
  }

  /** The kept events, oldest first. */
  public synchronized List<DebugEvent> events() {
    List<DebugEvent> out = new ArrayList<>(size);
    int start = (next - size + ring.length) % ring.length;
    for (int i = 0; i < size; i++) {
      out.add(ring[(start + i) % ring.length]);
    }
    return out;
  }

  /** Events lost to overwriting. */
  public synchronized long overwritten() {
    return overwritten;
  }
}
