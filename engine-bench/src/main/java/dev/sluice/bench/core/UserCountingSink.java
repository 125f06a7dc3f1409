package dev.sluice.bench.core;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counting sink as a user writes it against the public API: each writer counts in a field and
 * adds its count to a shared total when its input ends. Any parallelism.
 */
final class UserCountingSink<T> implements Sink<T> {
  private final AtomicLong total = new AtomicLong();

  @Override
  public String name() {
    return "user-count";
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return new SinkWriter<>() {
      private long count;

      @Override
      public boolean offer(T event, long timestamp) {
        count++;
        return true;
      }

      @Override
      public void complete() {
        total.addAndGet(count);
      }
    };
  }

  long total() {
    return total.get();
  }

  void reset() {
    total.set(0);
  }
}
