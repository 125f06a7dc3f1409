package dev.sluice.core.internal.runtime;

import dev.sluice.core.BackpressureStrategy;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The link between one producer instance and one consumer instance: a bounded queue of batches
 * and a recycle queue that returns empty batches to the producer. The number of batches in
 * circulation ({@code slots}) bounds how many events the channel holds. A DROP_OLDEST channel
 * uses a single-producer multi-consumer queue so the producer may take back the oldest batch.
 */
final class Channel {
  final MessagePassingQueue<Batch> data;
  final SpscArrayQueue<Batch> recycle;
  final int batchSize;
  final int slots;

  Channel(int capacityEvents, int maxBatchSize, BackpressureStrategy strategy) {
    this.batchSize = Math.max(1, Math.min(maxBatchSize, capacityEvents));
    this.slots = Math.max(1, capacityEvents / batchSize);
    int queueCapacity = Math.max(4, slots);
    this.data =
        strategy.kind() == BackpressureStrategy.Kind.DROP_OLDEST
            ? new SpmcArrayQueue<>(queueCapacity)
            : new SpscArrayQueue<>(queueCapacity);
    this.recycle = new SpscArrayQueue<>(queueCapacity);
  }

  /** Events waiting in the queue (approximate; for metrics). */
  int queuedBatches() {
    return data.size();
  }
}
