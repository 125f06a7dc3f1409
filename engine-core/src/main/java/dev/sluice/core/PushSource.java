package dev.sluice.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A source that a service feeds from its own threads with {@link #offer} or {@link #tryOffer},
 * and ends with {@link #complete()}. Events are buffered in a bounded queue; what {@link #offer}
 * does when it is full is the source's {@link BackpressureStrategy}. A push source feeds one job.
 *
 * <p><b>Threading:</b> {@code offer}, {@code tryOffer} and {@code complete} are thread-safe and
 * may be called from any number of threads. Only {@code offer} under BLOCK (or a kept sample)
 * blocks, and only the calling thread. <b>Allocation:</b> none per event.
 *
 * @param <T> event type
 */
public final class PushSource<T> implements Source<T> {
  private final String name;
  private final MpmcArrayQueue<T> queue;
  private final BackpressureStrategy strategy;
  private final int sampleEvery;
  private final AtomicBoolean attached = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sampleCounter = new AtomicLong();
  private volatile boolean completed;

  PushSource(String name, int capacity, BackpressureStrategy strategy) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "push source '" + name + "': capacity must be >= 1, was " + capacity);
    }
    this.name = name;
    this.queue = new MpmcArrayQueue<>(Math.max(2, capacity));
    this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
    this.sampleEvery = strategy.sampleEvery();
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Adds {@code event} if there is room now.
   *
   * @return false if the buffer is full (nothing is counted as dropped; the caller decides)
   * @throws IllegalStateException if the source was completed
   */
  public boolean tryOffer(T event) {
    checkOpen();
    return queue.offer(java.util.Objects.requireNonNull(event, "event"));
  }

  /**
   * Adds {@code event} following the backpressure strategy: BLOCK waits for room; DROP_NEWEST
   * drops {@code event}; DROP_OLDEST drops the oldest buffered event to make room; SAMPLE keeps
   * every n-th event while full (waiting for room) and drops the rest.
   *
   * @return true if the event was buffered, false if it was dropped (and counted)
   * @throws InterruptedException if interrupted while waiting for room
   * @throws IllegalStateException if the source was completed
   */
  public boolean offer(T event) throws InterruptedException {
    checkOpen();
    java.util.Objects.requireNonNull(event, "event");
    if (queue.offer(event)) {
      return true;
    }
    switch (strategy.kind()) {
      case DROP_NEWEST:
        dropped.incrementAndGet();
        return false;
      case DROP_OLDEST:
        while (!queue.offer(event)) {
          if (queue.poll() != null) {
            dropped.incrementAndGet();
          }
        }
        return true;
      case SAMPLE:
        if (sampleCounter.incrementAndGet() % sampleEvery != 0) {
          dropped.incrementAndGet();
          return false;
        }
        waitAndOffer(event);
        return true;
      default:
        waitAndOffer(event);
        return true;
    }
  }

  private void waitAndOffer(T event) throws InterruptedException {
    long park = 1_000;
    while (!queue.offer(event)) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      checkOpen();
      LockSupport.parkNanos(park);
      park = Math.min(park * 2, TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private void checkOpen() {
    if (completed) {
      throw new IllegalStateException("push source '" + name + "' was completed");
    }
  }

  /** Ends the stream: the job reads what is buffered, then the source ends. Idempotent. */
  public void complete() {
    completed = true;
  }

  /** Events dropped by {@link #offer} under a dropping strategy. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Events buffered and not yet read by the job. */
  public int buffered() {
    return queue.size();
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    if (!attached.compareAndSet(false, true)) {
      throw new IllegalStateException("push source '" + name + "' already feeds a job");
    }
    return (SourceOutput<T> out, int max) -> {
      boolean done = completed; // read first: anything offered before complete() is in the queue
      int n = 0;
      T t;
      while (n < max && (t = queue.poll()) != null) {
        out.emit(t);
        n++;
      }
      if (n == 0 && done && queue.isEmpty()) {
        return SourceReader.END;
      }
      return n;
    };
  }
}
