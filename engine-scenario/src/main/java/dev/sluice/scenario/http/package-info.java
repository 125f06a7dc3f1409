/**
 * HTTP targets: drive an external HTTP service in an open model (arrivals on the core's emission
 * schedule, a cap on requests in flight), with request templates filled from generated payloads,
 * latency from the intended send time, errors by kind, through the core's {@code mapAsync} and
 * circuit breaker. Start at {@link dev.sluice.scenario.http.HttpTarget}.
 */
package dev.sluice.scenario.http;
