package dev.sluice.cep;

import java.io.Serializable;

/**
 * Turns a match into the stage's output ("select"). Called on the operator's thread, once per
 * match, with a {@link Match} valid only during the call. A null result emits nothing.
 *
 * @param <K> the key type
 * @param <T> the event type
 * @param <R> the output type
 */
@FunctionalInterface
public interface MatchFunction<K, T, R> extends Serializable {
  /**
   * The output for one match.
   *
   * @param key the key the match belongs to
   * @param match the matched events by pattern name
   * @return the output event, or null for none
   */
  R select(K key, Match<T> match);
}
