package dev.sluice.cep.correlate;

/**
 * One event of a correlated set, or a late event on the correlation stage's late side output.
 *
 * @param stream the name of the input stream it came from
 * @param key its correlation key
 * @param event the event itself
 * @param timestamp its event time
 */
public record CorrelatedEvent(String stream, Object key, Object event, long timestamp) {}
