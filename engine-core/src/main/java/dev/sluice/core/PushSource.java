package dev.sluice.core;

import dev.sluice.core.internal.runtime.JobLifecycleHook;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A source that a service feeds from its own threads with {@link #offer} or {@link #tryOffer},
 * and ends with {@link #complete()}. Events are buffered in a bounded queue; what {@link #offer}
 * does when it is full is the source's {@link BackpressureStrategy}. A push source feeds one job:
 * submitting a second job that uses it fails with {@link IllegalStateException}.
 *
 * <p><b>Open and closed.</b> The source accepts events until it is closed, which happens once, by
 * the first of: {@link #complete()}; {@link Job#drain()} of its job; the end of its job
 * (COMPLETED, CANCELLED or FAILED — not a restart: a restarted job goes on reading the same
 * source, buffer included). Once closed, {@link #offer} and {@link #tryOffer} return false without
 * taking the event, and a thread waiting in {@code offer} under BLOCK (or a kept SAMPLE) returns
 * false at once. {@link #isOpen()} tells whether it is still open; {@link #whenClosed()} completes
 * when it closes. What happens to events already accepted:
 *
 * <ul>
 *   <li>after {@code complete()} or a drain, the job reads every one of them, then the source
 *       ends (final watermark, end of stream);
 *   <li>when the job is cancelled or fails for good, those still buffered are discarded and
 *       counted in {@link #droppedCount()} (so in the job's {@code dropped} count of this stage).
 * </ul>
 *
 * <p><b>Threading:</b> {@code offer}, {@code tryOffer}, {@code complete}, {@code isOpen} and
 * {@code whenClosed} are thread-safe and may be called from any number of threads. Only {@code
 * offer} under BLOCK (or a kept sample) blocks, and only the calling thread. <b>Allocation:</b>
 * none per event. Besides the queue's own, each offer makes two atomic updates of a counter shared
 * by the feeders (offers under way), so that a drain delivers every event it accepted.
 *
 * @param <T> event type
 */
public final class PushSource<T> implements Source<T> {
  private final String name;
  private final MpmcArrayQueue<T> queue;
  private final BackpressureStrategy strategy;
  private final int sampleEvery;
  private final AtomicBoolean readerOpen = new AtomicBoolean();
  private final AtomicReference<String> boundJob = new AtomicReference<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sampleCounter = new AtomicLong();
  /** Offers under way: the reader ends only once none is and the buffer is empty. */
  private final AtomicInteger offering = new AtomicInteger();
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  /** {@link #complete()} was called: offering now is a programming error. */
  private volatile boolean completed;
  /** No event is accepted any more. */
  private volatile boolean closed;
  /** The job ended: buffered events are discarded and counted. */
  private volatile boolean jobEnded;

  PushSource(String name, int capacity, BackpressureStrategy strategy) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "push source '" + name + "': capacity must be >= 1, was " + capacity);
    }
    this.name = name;
    this.queue = new MpmcArrayQueue<>(Math.max(2, capacity));
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.sampleEvery = strategy.sampleEvery();
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Adds {@code event} if there is room now and the source is open.
   *
   * @return false if the buffer is full (nothing is counted as dropped; the caller decides) or the
   *     source is closed ({@link #isOpen()} tells which)
   * @throws IllegalStateException if {@link #complete()} was called
   */
  public boolean tryOffer(T event) {
    checkNotCompleted();
    Objects.requireNonNull(event, "event");
    offering.incrementAndGet();
    try {
      return !closed && queue.offer(event);
    } finally {
      offering.decrementAndGet();
      if (jobEnded) {
        discardBuffered();
      }
    }
  }

  /**
   * Adds {@code event} following the backpressure strategy: BLOCK waits for room; DROP_NEWEST
   * drops {@code event}; DROP_OLDEST drops the oldest buffered event to make room; SAMPLE keeps
   * every n-th event while full (waiting for room) and drops the rest. A wait ends as soon as the
   * source closes (its job drained or ended).
   *
   * @return true if the event was buffered; false if it was dropped by the strategy (and
   *     counted), or not taken because the source is closed (not counted: the caller keeps it;
   *     {@link #isOpen()} is then false)
   * @throws InterruptedException if interrupted while waiting for room (the event is not taken)
   * @throws IllegalStateException if {@link #complete()} was called before this call
   */
  public boolean offer(T event) throws InterruptedException {
    checkNotCompleted();
    Objects.requireNonNull(event, "event");
    offering.incrementAndGet();
    try {
      if (closed) {
        return false;
      }
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
          return waitAndOffer(event);
        default:
          return waitAndOffer(event);
      }
    } finally {
      offering.decrementAndGet();
      if (jobEnded) {
        discardBuffered();
      }
    }
  }

  /** Waits for room; false if the source closed meanwhile. */
  private boolean waitAndOffer(T event) throws InterruptedException {
    long park = 1_000;
    while (!queue.offer(event)) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (closed) {
        return false;
      }
      LockSupport.parkNanos(park);
      park = Math.min(park * 2, TimeUnit.MILLISECONDS.toNanos(1));
    }
    return true;
  }

  private void checkNotCompleted() {
    if (completed) {
      throw new IllegalStateException("push source '" + name + "' was completed");
    }
  }

  /**
   * Ends the stream: the source closes, the job reads what is buffered, then the source ends.
   * Idempotent.
   */
  public void complete() {
    completed = true;
    close();
  }

  /**
   * True until the source closes: by {@link #complete()}, a drain of its job, or the job's end.
   * Feeders may stop when it turns false.
   */
  public boolean isOpen() {
    return !closed;
  }

  /**
   * A future that completes (with null) when the source closes: by {@link #complete()}, a drain of
   * its job, or the job's end (a restart does not close it). Non-async dependent actions run on
   * the thread that closed the source — the caller of {@code complete()} or {@code drain()}, or an
   * engine thread when the job ends — so they must not block; use the {@code *Async} variants for
   * anything longer. Each call returns a new future; completing it does not affect the source.
   */
  public CompletableFuture<Void> whenClosed() {
    return closedFuture.copy();
  }

  private void close() {
    closed = true;
    closedFuture.complete(null);
  }

  private void discardBuffered() {
    while (queue.poll() != null) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Events dropped by {@link #offer} under a dropping strategy, plus events still buffered when
   * the job was cancelled or failed for good.
   */
  public long droppedCount() {
    return dropped.get();
  }

  /** Events buffered and not yet read by the job. */
  public int buffered() {
    return queue.size();
  }

  /**
   * Binds this source to the job named {@code jobName} (at submission).
   *
   * @throws IllegalStateException if it already feeds a job
   */
  JobLifecycleHook bind(String jobName) {
    if (!boundJob.compareAndSet(null, jobName)) {
      throw new IllegalStateException(
          "push source '" + name + "' already feeds job '" + boundJob.get()
              + "': a push source feeds one job, create one per job");
    }
    return new Binding();
  }

  /** Undoes {@link #bind} for a submission that was rejected. */
  void unbind() {
    boundJob.set(null);
  }

  /** Follows the life cycle of the job this source feeds. */
  private final class Binding implements JobLifecycleHook {
    @Override
    public void onDrain() {
      close();
    }

    @Override
    public void onEnd(JobStatus status) {
      jobEnded = true;
      close();
      discardBuffered();
    }
  }

  /**
   * The reader of the job's one instance; a restarted job creates a new one once the previous one
   * is closed.
   *
   * @throws IllegalStateException if a reader is already open
   */
  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    if (!readerOpen.compareAndSet(false, true)) {
      throw new IllegalStateException("push source '" + name + "' already feeds a job");
    }
    return new Reader();
  }

  private final class Reader implements SourceReader<T> {
    @Override
    public int read(SourceOutput<T> out, int max) {
      int n = 0;
      T t;
      while (n < max && (t = queue.poll()) != null) {
        out.emit(t);
        n++;
      }
      // closed first, then no offer under way, then empty: an offer that started after the
      // offering count was read sees `closed` and takes nothing
      if (n == 0 && closed && offering.get() == 0 && queue.isEmpty()) {
        return SourceReader.END;
      }
      return n;
    }

    @Override
    public void close() {
      readerOpen.set(false);
    }
  }
}
