package dev.sluice.core.metrics;

/**
 * One point of a stage's throughput history.
 *
 * @param timeMillis end of the interval, milliseconds since the epoch
 * @param eventsPerSecond events out of the stage per second over the interval
 * @param bytesPerSecond bytes per second where the size of events is known, else 0
 */
public record ThroughputPoint(long timeMillis, double eventsPerSecond, double bytesPerSecond) {}
