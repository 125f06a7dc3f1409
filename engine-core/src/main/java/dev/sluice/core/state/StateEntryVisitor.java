package dev.sluice.core.state;

/**
 * Visits the entries of a two-level keyed state: (key, namespace or user key, value).
 *
 * @param <K> the key type
 * @param <X> the namespace or user-key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface StateEntryVisitor<K, X, V> {

  /** Called once per entry; for inspection only: do not mutate the value. */
  void visit(K key, X namespaceOrUserKey, V value);
}
