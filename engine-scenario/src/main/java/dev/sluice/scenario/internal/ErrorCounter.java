package dev.sluice.scenario.internal;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.fault.DeadLetter;
import dev.sluice.scenario.Target;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts dead-lettered events by the target's kind of error. Written by the dead-letter sink's
 * thread, read by the runner's.
 */
public final class ErrorCounter implements Sink<DeadLetter> {
  private final Target<?> target;
  private final Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  /** When the last error was counted ({@code System.nanoTime()}), 0 before. */
  public volatile long lastNanos;

  /** Counts for {@code target}. */
  public ErrorCounter(Target<?> target) {
    this.target = target;
  }

  @Override
  public String name() {
    return "count-dead-letters";
  }

  @Override
  public SinkWriter<DeadLetter> createWriter(int instanceIndex, int parallelism) {
    return (d, ts) -> {
      Throwable t = d.error();
      while ((t instanceof CompletionException || t instanceof ExecutionException)
          && t.getCause() != null) {
        t = t.getCause();
      }
      kinds.computeIfAbsent(target.errorKind(t), k -> new AtomicLong()).incrementAndGet();
      total.incrementAndGet();
      lastNanos = System.nanoTime();
      return true;
    };
  }

  /** Errors counted. */
  public long total() {
    return total.get();
  }

  /** Errors by kind, sorted by kind. */
  public Map<String, Long> byKind() {
    Map<String, Long> m = new TreeMap<>();
    kinds.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }
}

