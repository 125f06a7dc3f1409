package dev.sluice.pipeline.frame;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multi-channel numeric frame: a timestamp (milliseconds since the epoch), a sequence number
 * and one double per channel of its {@link FrameSchema}, held in a buffer lent by a {@link
 * FramePool}.
 *
 * <p><b>Ownership.</b> A frame is reference counted. {@link FramePool#acquire} hands it out with
 * one reference; whoever holds a reference either passes it on (emits the frame downstream) or
 * gives it back with {@link #release()}. Where one frame goes to several consumers (a fan-out),
 * the producer calls {@link #retain(int)} for the extra consumers before emitting, so the frame
 * is shared, not copied, and each consumer releases its reference; the last release returns the
 * buffer to the pool. {@link Frames#share} does this for a stage of the Java DSL.
 *
 * <p><b>Threading.</b> Reference counting is atomic: retain and release may run on any thread.
 * The values are written by the owner before the frame is emitted (the engine's queues publish
 * them safely) and are read-only while the frame is shared ({@link #set} refuses a shared
 * frame).
 *
 * <p><b>Failure.</b> Releasing a frame more often than it was retained, or touching a frame whose
 * last reference was released, throws {@link IllegalStateException} naming the frame and pool.
 */
public final class Frame {
  private final FramePool pool;
  private final double[] values;
  /** Shared with the pool's leak detector: positive while the frame is out of the pool. */
  final AtomicInteger refs;
  private long timestamp;
  private long sequence;

  Frame(FramePool pool, AtomicInteger refs) {
    this.pool = pool;
    this.values = new double[pool.schema().size()];
    this.refs = refs;
  }

  void reset(long timestamp, long sequence) {
    this.timestamp = timestamp;
    this.sequence = sequence;
    java.util.Arrays.fill(values, Double.NaN);
    refs.set(1);
  }

  /** The schema (channel names). */
  public FrameSchema schema() {
    return pool.schema();
  }

  /** The pool the buffer belongs to. */
  public FramePool pool() {
    return pool;
  }

  /** Event time, milliseconds since the epoch. */
  public long timestamp() {
    live();
    return timestamp;
  }

  /** The sequence number given at {@link FramePool#acquire}. */
  public long sequence() {
    live();
    return sequence;
  }

  /** The value of channel {@code i} (NaN until set). */
  public double get(int i) {
    live();
    return values[i];
  }

  /** The value of {@code channel}; resolve {@link FrameSchema#index} once where it matters. */
  public double get(String channel) {
    int i = schema().index(channel);
    if (i < 0) {
      throw new IllegalArgumentException("no channel '" + channel + "' in " + schema());
    }
    return get(i);
  }

  /**
   * Sets channel {@code i}; only the sole owner may write.
   *
   * @throws IllegalStateException if the frame is shared or released
   */
  public Frame set(int i, double value) {
    int r = refs.get();
    if (r != 1) {
      throw new IllegalStateException(r <= 0 ? released("written")
          : "frame #" + sequence + " is shared by " + r + " consumers; it is read-only");
    }
    values[i] = value;
    return this;
  }

  /** Copies the values into {@code into} (length at least the channel count). */
  public void copyValues(double[] into) {
    live();
    System.arraycopy(values, 0, into, 0, values.length);
  }

  /** The current number of references (0 once returned to the pool). */
  public int refCount() {
    return refs.get();
  }

  /** Adds one reference (one more consumer). */
  public Frame retain() {
    return retain(1);
  }

  /**
   * Adds {@code n} references, for {@code n} more consumers of this frame.
   *
   * @throws IllegalStateException if the frame was already released to its pool
   */
  public Frame retain(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("retain(" + n + "): negative");
    }
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        throw new IllegalStateException(released("retained"));
      }
      if (refs.compareAndSet(r, r + n)) {
        return this;
      }
    }
  }

  /**
   * Gives back one reference; the last one returns the buffer to the pool.
   *
   * @return true if this was the last reference
   * @throws IllegalStateException on a double release (no reference left)
   */
  public boolean release() {
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        pool.countDoubleRelease();
        throw new IllegalStateException("double release: " + released("released again"));
      }
      if (refs.compareAndSet(r, r - 1)) {
        if (r == 1) {
          pool.recycle(this);
          return true;
        }
        return false;
      }
    }
  }

  private void live() {
    if (refs.get() <= 0) {
      throw new IllegalStateException(released("read"));
    }
  }

  private String released(String what) {
    return "frame #" + sequence + " of pool '" + pool.name() + "' was " + what
        + " after its last reference was released (it belongs to the pool again)";
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Frame{seq=").append(sequence).append(", t=").append(timestamp);
    FrameSchema s = pool.schema();
    for (int i = 0; i < values.length; i++) {
      b.append(", ").append(s.channel(i)).append('=').append(values[i]);
    }
    return b.append(", refs=").append(refs.get()).append('}').toString();
  }
}
