package dev.sluice.pipeline.frame;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded pool of {@link Frame} buffers of one {@link FrameSchema}. {@link #acquire} takes an
 * idle frame or, when none is idle, allocates one; the last {@link Frame#release()} of a frame
 * puts it back, unless {@code capacity} frames are idle already (it is then left to the garbage
 * collector and counted as {@link #discarded()}). So the pool holds at most {@code capacity}
 * idle buffers, and steady state allocates nothing.
 *
 * <p><b>Threading.</b> Thread-safe and lock-free: frames may be acquired on one thread and
 * released on any other (a source acquires, the last of several downstream stages releases).
 * Counters are updated with {@link LongAdder}s and read without stopping the pool, so a read
 * while frames move is a moment's view.
 *
 * <p><b>Leaks.</b> {@link #outstanding()} is acquired minus returned frames: zero when every
 * frame handed out came back (check it when a job has ended). A frame that becomes unreachable
 * while still holding references is counted in {@link #leaked()} (found by a {@link Cleaner}
 * when the garbage collector reclaims it, so the count lags). A double release throws and is
 * counted in {@link #doubleReleases()}.
 */
public final class FramePool {
  private static final Cleaner CLEANER = Cleaner.create();

  private final String name;
  private final FrameSchema schema;
  private final int capacity;
  private final ArrayBlockingQueue<Frame> idle;
  private final LongAdder allocations = new LongAdder();
  private final LongAdder reuses = new LongAdder();
  private final LongAdder returned = new LongAdder();
  private final LongAdder discarded = new LongAdder();
  private final LongAdder leaked = new LongAdder();
  private final LongAdder doubleReleases = new LongAdder();

  private FramePool(String name, FrameSchema schema, int capacity) {
    this.name = Objects.requireNonNull(name, "name");
    this.schema = Objects.requireNonNull(schema, "schema");
    if (capacity < 1) {
      throw new IllegalArgumentException("pool '" + name + "': capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.idle = new ArrayBlockingQueue<>(capacity);
  }

  /** A pool keeping at most {@code capacity} idle frames of {@code schema}. */
  public static FramePool create(String name, FrameSchema schema, int capacity) {
    return new FramePool(name, schema, capacity);
  }

  /** The pool's name, used in messages. */
  public String name() {
    return name;
  }

  /** The schema of its frames. */
  public FrameSchema schema() {
    return schema;
  }

  /** The most idle frames kept. */
  public int capacity() {
    return capacity;
  }

  /**
   * A frame with one reference, its channels NaN, the given timestamp and sequence; reused if
   * one is idle, else newly allocated.
   */
  public Frame acquire(long timestamp, long sequence) {
    Frame f = idle.poll();
    if (f == null) {
      AtomicInteger refs = new AtomicInteger();
      f = new Frame(this, refs);
      CLEANER.register(f, new LeakCheck(refs, leaked));
      allocations.increment();
    } else {
      reuses.increment();
    }
    f.reset(timestamp, sequence);
    return f;
  }

  void recycle(Frame f) {
    returned.increment();
    if (!idle.offer(f)) {
      discarded.increment();
    }
  }

  void countDoubleRelease() {
    doubleReleases.increment();
  }

  /** Frames newly allocated (no idle frame was there). */
  public long allocations() {
    return allocations.sum();
  }

  /** Acquisitions served by an idle frame. */
  public long reuses() {
    return reuses.sum();
  }

  /** Frames handed out and not yet released for the last time. */
  public long outstanding() {
    return allocations.sum() + reuses.sum() - returned.sum();
  }

  /** Idle frames in the pool now. */
  public int idle() {
    return idle.size();
  }

  /** Released frames not kept because the pool was full. */
  public long discarded() {
    return discarded.sum();
  }

  /** Frames reclaimed by the garbage collector while still referenced: never released. */
  public long leaked() {
    return leaked.sum();
  }

  /** Releases refused because the frame had no reference left. */
  public long doubleReleases() {
    return doubleReleases.sum();
  }

  /** A one-line summary of the counters. */
  @Override
  public String toString() {
    return "FramePool{" + name + ", " + schema + ", allocations=" + allocations() + ", reuses=" + reuses()
        + ", outstanding=" + outstanding() + ", idle=" + idle() + ", discarded=" + discarded()
        + ", leaked=" + leaked() + ", doubleReleases=" + doubleReleases() + "}";
  }

  /** Runs when a frame becomes unreachable; must not refer to the frame. */
  private record LeakCheck(AtomicInteger refs, LongAdder leaked) implements Runnable {
    @Override
    public void run() {
      if (refs.get() > 0) {
        leaked.increment();
      }
    }
  }
}
