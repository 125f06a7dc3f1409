package dev.sluice.cep;

import java.util.List;
import java.util.Map;

/**
 * A partial match that could not complete within its pattern's time bound, as emitted to the
 * CEP stage's timed-out side output ({@link CepStage#timedOut()}) when the watermark passed the
 * bound.
 *
 * @param key the key
 * @param ruleId the rule whose pattern it partially matched
 * @param events the events it took, by pattern name, in pattern order
 * @param startTime event time of its first event
 * @param timeoutTime the time at which it expired: {@code startTime + within - 1}
 * @param <K> the key type
 * @param <T> the event type
 */
public record TimedOutMatch<K, T>(
    K key, String ruleId, Map<String, List<T>> events, long startTime, long timeoutTime) {
  /** Copies the map. */
  public TimedOutMatch {
    events = Map.copyOf(events);
  }
}
