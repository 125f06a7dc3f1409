package dev.sluice.bench.nexmark;

/**
 * Pre-generated CEP events in arrival order.
 *
 * @param events the events in arrival order
 * @param maxOutOfOrdernessMillis the largest amount by which an event's time is behind the
 *     highest time that arrived before it (also within any subsequence): the watermark bound
 */
public record CepEvents(CepEvent[] events, long maxOutOfOrdernessMillis) {}
