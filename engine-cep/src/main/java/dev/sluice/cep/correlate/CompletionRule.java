package dev.sluice.cep.correlate;

/**
 * Decides when a correlated set is complete: it is then emitted at once (with {@code complete}
 * set), its events leave the window's state, and later events of the same key and window start
 * a new set.
 *
 * <p>The rule is evaluated after each event joins a set, on the operator's thread; it must be
 * pure, fast and allocation-free, and thread-safe (one rule serves every parallel instance).
 */
@FunctionalInterface
public interface CompletionRule {

  /** Whether {@code set} is complete. */
  boolean isComplete(CorrelationView set);

  /** Complete once the set holds at least one event of every input stream. */
  static CompletionRule allStreams() {
    return set -> {
      for (int s = 0, n = set.streams(); s < n; s++) {
        if (set.count(s) == 0) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * Complete once the set holds {@code n} events.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  static CompletionRule atLeast(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a set needs at least 1 event to complete, was " + n);
    }
    return set -> set.size() >= n;
  }
}
