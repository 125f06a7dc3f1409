package dev.sluice.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts and discards events. The count is published once per batch, so the per-event cost is a
 * plain increment.
 *
 * <p><b>Threading:</b> {@link #count()} may be called from any thread; exact once the job ended.
 *
 * @param <T> event type
 */
public final class CountingSink<T> implements Sink<T> {
  private final String name;
  private final AtomicLong count = new AtomicLong();

  CountingSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return new SinkWriter<>() {
      private long local;

      @Override
      public boolean offer(T event, long timestamp) {
        local++;
        return true;
      }

      @Override
      public void flush() {
        if (local != 0) {
          count.addAndGet(local);
          local = 0;
        }
      }

      @Override
      public void close(Throwable failure) {
        flush();
      }
    };
  }

  /** Events counted so far. */
  public long count() {
    return count.get();
  }

  /** Resets the count to zero. */
  public void reset() {
    count.set(0);
  }
}
