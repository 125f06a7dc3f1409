package dev.sluice.core.internal.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The previous event-time timer store, kept only as the baseline of the timer benchmark (the
 * runtime uses {@code TimerHeap}). Event-time timers ordered by time, deduplicated per (key, time), fired in time order and, for
 * equal times, registration order. Public so the test harness can share it.
 */
public final class EventTimeTimers<K> {
  private final TreeMap<Long, LinkedHashSet<K>> byTime = new TreeMap<>();
  private int pending;
  private long watermark = Long.MIN_VALUE;

  /** Receives fired timers. */
  public interface Handler<K> {
    /** Called for each due timer. */
    void onTimer(K key, long time) throws Exception;
  }

  public void registerEventTimeTimer(K key, long time) {
    if (byTime.computeIfAbsent(time, t -> new LinkedHashSet<>()).add(key)) {
      pending++;
    }
  }

  public void deleteEventTimeTimer(K key, long time) {
    LinkedHashSet<K> keys = byTime.get(time);
    if (keys != null && keys.remove(key)) {
      pending--;
      if (keys.isEmpty()) {
        byTime.remove(time);
      }
    }
  }

  public long currentWatermark() {
    return watermark;
  }

  public int pendingTimers() {
    return pending;
  }

  /**
   * Advances to {@code newWatermark} and fires every timer at or before it, including timers
   * registered by the handler for due times.
   */
  public void advance(long newWatermark, Handler<K> handler) throws Exception {
    watermark = Math.max(watermark, newWatermark);
    while (!byTime.isEmpty()) {
      Map.Entry<Long, LinkedHashSet<K>> first = byTime.firstEntry();
      long time = first.getKey();
      if (time > newWatermark) {
        break;
      }
      byTime.pollFirstEntry();
      List<K> keys = new ArrayList<>(first.getValue());
      pending -= keys.size();
      for (K key : keys) {
        handler.onTimer(key, time);
      }
    }
  }
}
