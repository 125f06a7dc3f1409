package dev.sluice.core.metrics;

/**
 * Metrics of one queue edge (all its producer/consumer channels together) at one moment.
 *
 * @param from the producing chain's last stage
 * @param to the consuming chain's first stage
 * @param queuedEvents events waiting in the edge's queues (whole batches counted as full)
 * @param capacityEvents how many events the edge's queues hold
 * @param utilisation {@code queuedEvents / capacityEvents}, from 0 to 1
 * @param dropped events the edge dropped (backpressure)
 */
public record EdgeSnapshot(
    String from, String to, long queuedEvents, long capacityEvents, double utilisation,
    long dropped) {}
