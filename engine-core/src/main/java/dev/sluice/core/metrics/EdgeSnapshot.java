package dev.sluice.core.metrics;

/**
 * Metrics of one queue edge (all its producer/consumer channels together) at one moment.
 *
 * <p>Read from the running job without locks, so the figures are approximate while events flow
 * (exact once the job has ended). Watermarks and other control items travel in the same slots as
 * events and are counted with them.
 *
 * @param from the producing chain's last stage
 * @param to the consuming chain's first stage
 * @param queuedEvents items on the edge not yet taken by the consumer: published batches still
 *     queued, the producer's batch being filled, and anything the producer holds back for want
 *     of room (the consumer's batch in processing is not counted)
 * @param capacityEvents what the edge's channels hold when full, summed: per producer/consumer
 *     pair, its queue capacity rounded down to whole batches
 * @param utilisation {@code queuedEvents / capacityEvents}, capped at 1; a completely backed-up
 *     edge reads 1
 * @param dropped events the edge dropped (backpressure)
 */
public record EdgeSnapshot(
    String from, String to, long queuedEvents, long capacityEvents, double utilisation,
    long dropped) {}
