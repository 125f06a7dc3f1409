package dev.sluice.core.internal.runtime;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Resolved settings of an async stage.
 *
 * @param call the call to the outside
 * @param maxConcurrency calls in flight at most; input stops while at the limit
 * @param ordered emit results in input order (else as they complete, never across a watermark)
 * @param timeoutNanos a call not complete after this fails with a timeout; 0 for none
 * @param retry when and how often a failed call is tried again
 * @param circuitBreaker guards the calls; null for none
 * @param whileOpen what an event does while the circuit is open
 * @param fallback degraded mode: computes a result locally while open or after the last failed
 *     attempt; null for none
 * @param transitions the breaker's transitions, fanned out to the jobs running the stage; null
 *     when there is no breaker
 */
public record AsyncSpec(
    Function<Object, CompletionStage<Object>> call,
    int maxConcurrency,
    boolean ordered,
    long timeoutNanos,
    dev.sluice.core.fault.RestartStrategy retry,
    CircuitBreaker circuitBreaker,
    dev.sluice.core.fault.WhileOpen whileOpen,
    Function<Object, Object> fallback,
    CircuitTransitionListeners transitions) {}
