package dev.sluice.core.fault;

/**
 * A circuit breaker changed state.
 *
 * @param breaker the breaker's name
 * @param from the state before, e.g. {@code CLOSED}
 * @param to the state after, e.g. {@code OPEN}
 * @param timeMillis when, by the breaker's clock
 */
public record CircuitTransition(String breaker, String from, String to, long timeMillis) {}
