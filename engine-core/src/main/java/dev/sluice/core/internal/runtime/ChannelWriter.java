package dev.sluice.core.internal.runtime;

import dev.sluice.core.BackpressureStrategy;

/**
 * The producer's end of a {@link Channel}: fills a batch, publishes it when full (or at the end
 * of a tasklet call), and applies the backpressure strategy when no empty batch is available.
 *
 * <p>Single-threaded: owned by the producer tasklet. Items that cannot be placed under BLOCK (or
 * kept samples) go to a spill, which the {@link Outlet} reports as "blocked" so the tasklet stops
 * taking input. Control items are never dropped.
 */
final class ChannelWriter {
  private final Channel channel;
  private final Outlet outlet;
  private final BackpressureStrategy.Kind kind;
  private final int sampleEvery;
  private final int batchSize;
  private final Spill spill = new Spill();
  private Batch current;
  private int created;
  private int sampleCounter;
  /** Highest watermark taken out of a dropped batch, to re-send; Long.MIN_VALUE if none. */
  private long carriedWatermark = Long.MIN_VALUE;
  /** Newest checkpoint barrier taken out of a dropped batch, to re-send; -1 if none. */
  private long carriedBarrier = -1;
  /** Emptied batches taken back from the queue beyond the one reused (DROP_OLDEST only). */
  private final java.util.ArrayDeque<Batch> spare = new java.util.ArrayDeque<>(0);

  private final boolean keyed;
  /** The key and key group of the event being emitted by {@link #emitKeyed}. */
  private Object nextKey;

  private int nextGroup = KeyedOperatorLink.NO_KEY;

  /** Events dropped by this writer; read by metrics after the job or racily while it runs. */
  long dropped;

  ChannelWriter(Channel channel, Outlet outlet, BackpressureStrategy strategy) {
    this.channel = channel;
    this.outlet = outlet;
    this.kind = strategy.kind();
    this.sampleEvery = strategy.sampleEvery();
    this.batchSize = channel.batchSize;
    this.keyed = channel.keyed;
    this.current = channel.newBatch();
    this.created = 1;
  }

  Channel channel() {
    return channel;
  }

  boolean hasSpill() {
    return !spill.isEmpty();
  }

  /**
   * Emits an event with the key and key group its sender routed it by, so that the consumer
   * does not compute them again (keyed channels only).
   */
  void emitKeyed(Object item, Object key, int group, long timestamp) {
    nextKey = key;
    nextGroup = group;
    emit(item, timestamp);
    nextKey = null;
    nextGroup = KeyedOperatorLink.NO_KEY;
  }

  /** Adds an event to the current batch, with its key on a keyed channel. */
  private void append(Object item, long timestamp) {
    if (keyed) {
      current.addKeyed(item, nextKey, nextGroup, timestamp);
    } else {
      current.add(item, timestamp);
    }
  }

  void emit(Object item, long timestamp) {
    if (!spill.isEmpty()) {
      // Keep order behind what is already waiting. Under a dropping strategy the spill only
      // ever holds control items, so new data follows the normal path below.
      if (kind == BackpressureStrategy.Kind.BLOCK || kind == BackpressureStrategy.Kind.SAMPLE) {
        onFull(item, timestamp);
        return;
      }
    }
    if (current.size < batchSize) {
      append(item, timestamp);
      return;
    }
    if (tryPublish()) {
      append(item, timestamp);
      return;
    }
    onFull(item, timestamp);
  }

  private void onFull(Object item, long timestamp) {
    switch (kind) {
      case BLOCK -> addToSpill(item, timestamp);
      case DROP_NEWEST -> dropped++;
      case DROP_OLDEST -> {
        if (!spill.isEmpty()) {
          dropped++; // a control item waits ahead of it; keep the order simple
        } else {
          dropOldestAndPublish();
          append(item, timestamp);
        }
      }
      case SAMPLE -> {
        if (++sampleCounter >= sampleEvery) {
          sampleCounter = 0;
          addToSpill(item, timestamp);
        } else {
          dropped++;
        }
      }
    }
  }

  void emitControl(Control marker, long value) {
    if (spill.isEmpty()) {
      if (current.size < batchSize || tryPublish()) {
        current.add(marker, value);
        return;
      }
      if (kind == BackpressureStrategy.Kind.DROP_OLDEST && stealOldestQueued()) {
        current.add(marker, value);
        return;
      }
    }
    addToSpill(marker, value);
  }

  private void addToSpill(Object item, long timestamp) {
    if (spill.isEmpty()) {
      outlet.writerSpilled();
    }
    if (keyed) {
      spill.addKeyed(item, nextKey, nextGroup, timestamp);
    } else {
      spill.add(item, timestamp);
    }
  }

  /** Publishes the current batch if an empty one is available to replace it. */
  private boolean tryPublish() {
    Batch fresh = spare.isEmpty() ? channel.recycle.poll() : spare.poll();
    if (fresh == null) {
      if (created < channel.slots + 1) {
        created++;
        fresh = channel.newBatch();
      } else {
        channel.onProducerStuck();
        return false;
      }
    }
    channel.publish(current);
    current = fresh;
    addCarriedWatermark();
    return true;
  }

  /**
   * DROP_OLDEST: takes the oldest queued batch back, drops its events (keeping its highest
   * watermark to re-send), publishes the current batch and continues with the emptied one.
   */
  private boolean dropOldestAndPublish() {
    if (stealOldestQueued() || tryPublish()) {
      return true;
    }
    // Nothing queued (the consumer holds the only other batch): the producer's own batch holds
    // the oldest events not yet handed over; drop them.
    dropData(current);
    current.clear();
    addCarriedWatermark();
    return true;
  }

  /**
   * Takes the oldest queued batch back, drops its events, publishes the current batch and
   * continues with the emptied one.
   *
   * @return false if no batch was queued
   */
  private boolean stealOldestQueued() {
    Batch oldest = channel.takeBackOldest();
    if (oldest == null) {
      return false;
    }
    dropData(oldest);
    oldest.clear();
    if (carriedBarrier >= 0) {
      // A barrier was in it: the data queued after the barrier is dropped too, with the data of
      // the batch being filled, so that the re-sent barrier keeps its place between the events
      // before it and those after it (a checkpoint stays consistent; only more is dropped).
      Batch more;
      while ((more = channel.takeBackOldest()) != null) {
        dropData(more);
        more.clear();
        spare.add(more);
      }
      dropData(current);
      current.clear();
      spare.add(current);
    } else {
      channel.publish(current);
    }
    current = oldest;
    addCarriedWatermark();
    return true;
  }

  /**
   * Puts the watermark of a dropped batch at the start of the (empty) current batch. It may use
   * the batch's spare slot: the caller adds the item that caused the drop right after it, so a
   * batch holds at most {@code batchSize + 1} items.
   */
  private void addCarriedWatermark() {
    if (carriedBarrier >= 0) {
      current.add(Control.BARRIER, carriedBarrier);
      carriedBarrier = -1;
    }
    if (carriedWatermark != Long.MIN_VALUE) {
      current.add(Control.WATERMARK, carriedWatermark);
      carriedWatermark = Long.MIN_VALUE;
    }
  }

  /** Counts a batch's events as dropped, keeping its highest watermark to re-send. */
  private void dropData(Batch oldest) {
    Object[] items = oldest.items;
    long[] ts = oldest.timestamps;
    for (int i = 0; i < oldest.size; i++) {
      Object it = items[i];
      if (it == Control.WATERMARK) {
        carriedWatermark = Math.max(carriedWatermark, ts[i]);
      } else if (it == Control.BARRIER) {
        carriedBarrier = Math.max(carriedBarrier, ts[i]);
      } else if (!(it instanceof Control)) {
        dropped++;
      }
    }
  }

  /**
   * Moves spilled items into batches while room is available.
   *
   * @return true if the spill is now empty
   */
  boolean drainSpill() {
    if (spill.isEmpty()) {
      return true;
    }
    while (!spill.isEmpty()) {
      if (current.size >= batchSize && !tryPublish()) {
        return false;
      }
      if (keyed) {
        current.addKeyed(
            spill.peekItem(), spill.peekKey(), spill.peekGroup(), spill.peekTimestamp());
      } else {
        current.add(spill.peekItem(), spill.peekTimestamp());
      }
      spill.removeFirst();
    }
    outlet.writerDrained();
    return true;
  }

  /** Publishes a partly filled batch if an empty batch is available. */
  void flushPartial() {
    if (current.size > 0) {
      tryPublish();
    }
  }

  /** True when everything this writer was given is in the queue. */
  boolean isFlushed() {
    return spill.isEmpty() && current.size == 0;
  }

  /**
   * Items on this writer's channel not yet taken by the consumer: queued batches, the batch being
   * filled and the spill. Any thread; reads the producer's fields racily (for metrics).
   */
  long bufferedItems() {
    return channel.queuedItems() + current.size + spill.size();
  }

  /** The channel's capacity in items (see {@link Channel#capacityItems()}). */
  long capacityItems() {
    return channel.capacityItems();
  }
}
