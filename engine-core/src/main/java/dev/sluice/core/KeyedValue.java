package dev.sluice.core;

/**
 * A result of a keyed operation: the key and the value computed for it.
 *
 * @param key the grouping key
 * @param value the value
 * @param <K> key type
 * @param <V> value type
 */
public record KeyedValue<K, V>(K key, V value) {}
