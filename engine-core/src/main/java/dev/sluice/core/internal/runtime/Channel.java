package dev.sluice.core.internal.runtime;

import dev.sluice.core.BackpressureStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The link between one producer instance and one consumer instance: a bounded queue of batches
 * and a recycle queue that returns empty batches to the producer. The number of batches in
 * circulation ({@code slots} published or held by the consumer, plus the one the producer fills)
 * bounds how many events the channel holds. A DROP_OLDEST channel uses a single-producer
 * multi-consumer queue so the producer may take back the oldest batch.
 *
 * <p>Each batch has {@link #batchSize} slots for items plus two spare slots (the second for a
 * checkpoint barrier taken out of a dropped batch, re-sent the same way): a watermark taken out
 * of a dropped batch is re-sent at the start of an emptied batch and must not take the room of the
 * item that caused the drop (with one-slot batches there would be none left).
 *
 * <p>Each end wakes the other's worker when it hands over a batch and that worker is parked, so
 * that a consumer never waits out a park while batches are queued, nor a blocked producer while
 * empty batches come back.
 *
 * <p>For metrics the channel counts items published ({@link #publishedItems}, by the producer,
 * less what it takes back) and items taken by the consumer ({@link #takenItems}); each counter has
 * one writer and is published with release stores, once per batch.
 */
final class Channel {
  private static final VarHandle PUBLISHED;
  private static final VarHandle TAKEN;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      PUBLISHED = l.findVarHandle(Channel.class, "publishedItems", long.class);
      TAKEN = l.findVarHandle(Channel.class, "takenItems", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final MessagePassingQueue<Batch> data;
  final SpscArrayQueue<Batch> recycle;
  final int batchSize;
  final int slots;
  /** True if batches carry each event's key and key group (hash edges into keyed stages). */
  final boolean keyed;
  /** Items in published batches, less batches taken back by the producer; producer-written. */
  private long publishedItems;
  /** Items in batches the consumer took; consumer-written. */
  private long takenItems;
  /** The tasklet reading this channel; set before the job starts. */
  Tasklet consumer;
  /** The tasklet writing this channel; set before the job starts. */
  Tasklet producer;
  /**
   * Set by the producer when it found no empty batch (it is blocked until one comes back);
   * cleared by whichever side sees a batch come back.
   */
  volatile boolean producerStuck;

  /** Wake-up policy on hand-off: {@code every}, {@code parked} or {@code filling}. */
  static final int WAKE_MODE =
      switch (System.getProperty("sluice.handoffWake", "every")) {
        case "parked" -> 1;
        case "filling" -> 2;
        default -> 0;
      };

  Channel(int capacityEvents, int maxBatchSize, BackpressureStrategy strategy) {
    this(capacityEvents, maxBatchSize, strategy, false);
  }

  Channel(int capacityEvents, int maxBatchSize, BackpressureStrategy strategy, boolean keyed) {
    this.keyed = keyed;
    this.batchSize = Math.max(1, Math.min(maxBatchSize, capacityEvents));
    this.slots = Math.max(1, capacityEvents / batchSize);
    int queueCapacity = Math.max(4, slots);
    this.data =
        strategy.kind() == BackpressureStrategy.Kind.DROP_OLDEST
            ? new SpmcArrayQueue<>(queueCapacity)
            : new SpscArrayQueue<>(queueCapacity);
    this.recycle = new SpscArrayQueue<>(queueCapacity);
  }

  /** A new batch for this channel: {@link #batchSize} slots and the spare one. */
  Batch newBatch() {
    return new Batch(batchSize + 2, keyed);
  }

  /**
   * Producer: queues {@code b} (never fails: the queue holds every batch in circulation) and wakes
   * the consumer's worker if it is parked.
   */
  void publish(Batch b) {
    PUBLISHED.setRelease(this, publishedItems + b.size);
    data.offer(b);
    if (WAKE_MODE == 0) {
      wake(consumer);
    } else if (WAKE_MODE == 1 || data.size() * 2 >= slots) {
      wakeIfSeenParked(consumer);
    }
  }

  /** Producer: it found no empty batch; wakes the consumer (which holds or will free one). */
  void onProducerStuck() {
    if (WAKE_MODE != 0) {
      producerStuck = true;
      wake(consumer);
    }
  }

  /** Unparks {@code t}'s worker if it is seen parked, without a fence (a missed wake waits out one park). */
  private static void wakeIfSeenParked(Tasklet t) {
    if (t != null) {
      Worker w = t.worker;
      if (w != null) {
        w.wakeIfParked();
      }
    }
  }

  /**
   * Consumer: clears a consumed batch, returns it to the producer and wakes the producer's worker
   * if it is parked (it may be waiting for exactly this batch).
   */
  void recycle(Batch b) {
    b.clear();
    recycle.offer(b);
    if (WAKE_MODE == 0) {
      wake(producer);
    } else if (producerStuck) {
      producerStuck = false;
      wake(producer);
    }
  }

  /**
   * Wakes the worker running {@code t} if it is parked. The full fence orders the caller's queue
   * write before the read of the worker's parked flag; the worker orders them the other way
   * round (flag, then a last look at its tasklets; see {@link Worker}), so one of the two sees
   * the other and no hand-off waits out a park.
   */
  private static void wake(Tasklet t) {
    if (t != null) {
      VarHandle.fullFence();
      Worker w = t.worker;
      if (w != null) {
        w.wakeIfParked();
      }
    }
  }

  /** Producer (DROP_OLDEST): takes the oldest queued batch back, or null if none is queued. */
  Batch takeBackOldest() {
    Batch b = data.poll();
    if (b != null) {
      PUBLISHED.setRelease(this, publishedItems - b.size);
    }
    return b;
  }

  /** Consumer: the next queued batch, or null. */
  Batch poll() {
    Batch b = data.relaxedPoll();
    if (b != null) {
      TAKEN.setRelease(this, takenItems + b.size);
    }
    return b;
  }

  /**
   * Items published and not yet taken by the consumer (events, plus the watermark and other
   * control items sharing their slots); any thread, approximate while the channel is in use.
   */
  long queuedItems() {
    long taken = (long) TAKEN.getAcquire(this);
    long published = (long) PUBLISHED.getAcquire(this);
    return Math.max(0, published - taken);
  }

  /**
   * What the channel holds when full, in items: {@code slots × batchSize}. When full, the
   * consumer holds one batch in processing, {@code slots - 1} are queued and the producer's own
   * batch is full; that is the capacity asked for, rounded down to whole batches.
   */
  long capacityItems() {
    return (long) slots * batchSize;
  }
}
