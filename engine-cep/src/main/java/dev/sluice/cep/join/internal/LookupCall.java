package dev.sluice.cep.join.internal;

import dev.sluice.cep.join.JoinFunction;
import dev.sluice.cep.join.LookupCache;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The function a lookup join hands to {@code mapAsync}: a cache hit completes at once, a miss
 * calls the lookup and caches what it finds. Thread-safe (the cache is); shared by the stage's
 * instances.
 */
public final class LookupCall implements Function<Object, CompletionStage<Object>> {
  private final Function<Object, Object> keyFn;
  private final Function<Object, ? extends CompletionStage<?>> lookup;
  private final LookupCache<Object, Object> cache;
  private final JoinFunction<Object, Object, Object> fn;
  private final boolean left;

  public LookupCall(
      Function<Object, Object> keyFn,
      Function<Object, ? extends CompletionStage<?>> lookup,
      LookupCache<Object, Object> cache,
      JoinFunction<Object, Object, Object> fn,
      boolean left) {
    this.keyFn = keyFn;
    this.lookup = lookup;
    this.cache = cache;
    this.fn = fn;
    this.left = left;
  }

  @Override
  public CompletionStage<Object> apply(Object event) {
    Object key = keyFn.apply(event);
    Object cached = cache == null ? null : cache.get(key);
    if (cached != null) {
      return join(event, cached);
    }
    CompletionStage<?> call = lookup.apply(key);
    if (call == null) {
      return CompletableFuture.failedFuture(
          new NullPointerException("the lookup returned null instead of a CompletionStage for key " + key));
    }
    return call.thenCompose(
        value -> {
          if (value != null && cache != null) {
            cache.put(key, value);
          }
          return join(event, value);
        });
  }

  private CompletionStage<Object> join(Object event, Object value) {
    if (value == null && !left) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.completedFuture(fn.join(event, value));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
