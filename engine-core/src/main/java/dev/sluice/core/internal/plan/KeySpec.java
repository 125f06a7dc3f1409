package dev.sluice.core.internal.plan;

import java.util.function.ToLongFunction;

/**
 * What a hash-partitioned stage knows about its keys (kept in the node's extra slot): its number
 * of key groups and, for a stage keyed by a primitive {@code long}, the key function that routes
 * without boxing.
 *
 * @param maxParallelism the number of key groups
 * @param longKey the primitive key function, or null for object keys
 */
public record KeySpec(int maxParallelism, ToLongFunction<Object> longKey) {}
