package dev.sluice.cep.correlate.internal;

/** An event of input stream {@code stream} with its correlation key, on its way to the operator. */
public record CorrelationInput(int stream, Object key, Object event) {}
