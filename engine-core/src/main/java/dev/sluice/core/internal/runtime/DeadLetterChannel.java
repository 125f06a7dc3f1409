package dev.sluice.core.internal.runtime;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.fault.DeadLetter;
import dev.sluice.core.fault.DeadLetterOverflow;
import dev.sluice.core.fault.DeadLetterSettings;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A job's dead-letter output: every stage with the DEAD_LETTER policy sends here (from any worker
 * thread); the dead-letter source reads it. Holds at most {@code capacity} unread dead letters;
 * when full, {@link #offer} drops the newest or the oldest (counted, {@link #droppedCount()}) or
 * refuses (BLOCK: the sender holds the letter and retries; FAIL: the sender fails the job). The
 * source ends once every stage that can send has ended and it has read every dead letter.
 *
 * <p>Senders and the reader meet on one lock: dead letters are failures, rare next to events, and
 * the lock keeps the capacity exact and lets a sender drop the oldest letter.
 */
final class DeadLetterChannel {
  private final EngineClock clock;
  private final int capacity;
  private final DeadLetterOverflow whenFull;
  /** Unread dead letters, oldest first; guarded by {@code this}. Grows as needed, to capacity. */
  private final ArrayDeque<DeadLetter> queue = new ArrayDeque<>();
  /** Dead letters dropped when full; written under the lock, read by metrics at any time. */
  private volatile long dropped;

  DeadLetterChannel(EngineClock clock, DeadLetterSettings settings) {
    this.clock = clock;
    this.capacity = settings.capacity();
    this.whenFull = settings.whenFull();
  }

  /** A dead letter stamped now. */
  DeadLetter letter(Object event, Throwable error, String stage) {
    return new DeadLetter(event, error, stage, clock.currentTimeMillis());
  }

  int capacity() {
    return capacity;
  }

  DeadLetterOverflow whenFull() {
    return whenFull;
  }

  /**
   * Sends {@code d}. Thread-safe, never blocks beyond the lock.
   *
   * @return true if it was queued or dropped by policy (DROP_NEWEST, DROP_OLDEST: counted); false
   *     if the output is full and the policy is BLOCK or FAIL (the caller decides)
   */
  boolean offer(DeadLetter d) {
    synchronized (this) {
      if (queue.size() < capacity) {
        queue.addLast(d);
        return true;
      }
      switch (whenFull) {
        case DROP_NEWEST -> {
          dropped++;
          return true;
        }
        case DROP_OLDEST -> {
          queue.pollFirst();
          queue.addLast(d);
          dropped++;
          return true;
        }
        default -> {
          return false;
        }
      }
    }
  }

  /** Dead letters dropped because the output was full. */
  long droppedCount() {
    return dropped;
  }

  /** Takes up to {@code max} unread dead letters into {@code into}; returns how many. */
  private int take(DeadLetter[] into, int max) {
    synchronized (this) {
      int n = 0;
      DeadLetter d;
      while (n < max && (d = queue.pollFirst()) != null) {
        into[n++] = d;
      }
      return n;
    }
  }

  private boolean isEmpty() {
    synchronized (this) {
      return queue.isEmpty();
    }
  }

  /** The source reading this channel; it ends when {@code sendersDone} is true and drained. */
  Source<Object> source(String name, BooleanSupplier sendersDone) {
    return new Source<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public SourceReader<Object> createReader(int instanceIndex, int parallelism) {
        return new SourceReader<>() {
          private DeadLetter[] buffer = new DeadLetter[0];

          @Override
          public int read(SourceOutput<Object> out, int max) {
            boolean done = sendersDone.getAsBoolean(); // before draining: nothing can follow
            if (buffer.length < max) {
              buffer = new DeadLetter[max];
            }
            int n = take(buffer, max); // emitted outside the lock: downstream is user code
            for (int i = 0; i < n; i++) {
              out.emit(buffer[i]);
              buffer[i] = null;
            }
            return n == 0 && done && isEmpty() ? SourceReader.END : n;
          }
        };
      }
    };
  }
}
