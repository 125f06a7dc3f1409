package dev.sluice.cep.correlate;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one key within one correlation window, emitted when the window closes or, with a
 * completion rule, as soon as the set is complete.
 *
 * @param key the correlation key
 * @param windowStart the window's start (inclusive), event time
 * @param windowEnd the window's end (exclusive)
 * @param events the events, ordered by timestamp, then by stream (in the order the streams were
 *     declared), then by arrival; unmodifiable
 * @param complete true if the completion rule completed the set, false if the window closed
 * @param <K> the key type
 */
public record CorrelatedSet<K>(
    K key, long windowStart, long windowEnd, List<CorrelatedEvent> events, boolean complete) {

  /** Copies {@code events} into an unmodifiable list. */
  public CorrelatedSet {
    events = List.copyOf(events);
  }

  /** How many events came from {@code stream}. */
  public int count(String stream) {
    int n = 0;
    for (CorrelatedEvent e : events) {
      if (e.stream().equals(stream)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The events of {@code stream}, cast to {@code type}.
   *
   * @throws ClassCastException if one of them is not a {@code type}
   */
  public <E> List<E> eventsOf(String stream, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (CorrelatedEvent e : events) {
      if (e.stream().equals(stream)) {
        out.add(type.cast(e.event()));
      }
    }
    return out;
  }
}
