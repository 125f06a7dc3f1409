package dev.sluice.scenario.http;

import dev.sluice.core.Engine;
import dev.sluice.scenario.http.internal.HttpRun;
import dev.sluice.scenario.journey.LoadPlan;
import java.util.Objects;

/**
 * Drives an external HTTP service in an open model: requests are due on the {@link LoadPlan}'s
 * arrival schedule (the core's emission scheduler: constant, Poisson or any {@code RateProfile}),
 * whatever the service's speed; at most {@link HttpTargetSpec#maxInFlight()} are in flight;
 * each request's URL, headers and body are filled from a generated payload.
 *
 * <p>Every request goes through the core's {@code Stage.mapAsync} (the cap is its concurrency,
 * the spec's timeout its timeout, the spec's circuit breaker around it) and is sent with the
 * JDK's asynchronous {@link java.net.http.HttpClient}. Latency is measured from the request's
 * <em>intended</em> send time, so a service that stalls shows in the latency of every request
 * that was due during the stall, not only the one that was stuck (no coordinated omission). A
 * request that fails — status outside the success ranges, body check, timeout, connection
 * error, template — counts against the circuit breaker; while the circuit is open requests are
 * not sent and are counted as {@link HttpErrorKind#CIRCUIT_OPEN}.
 *
 * <p><b>Threading:</b> {@link #run} blocks the calling thread until the run ends (the schedule
 * is done and every request has completed, or the plan's wall-clock limit cut it off); requests
 * are sent from the engine's worker and completed on a client thread pool owned by the run and
 * shut down with it. An instance may run several times, one run at a time or concurrently.
 * <b>Failure:</b> bad settings fail before the run with {@link IllegalArgumentException}; nothing
 * the service does fails the run — it is counted.
 */
public final class HttpTarget {
  private final HttpTargetSpec spec;

  /** A target for {@code spec}. */
  public HttpTarget(HttpTargetSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /** The spec. */
  public HttpTargetSpec spec() {
    return spec;
  }

  /**
   * Runs {@code plan} against the target on {@code engine}.
   *
   * @throws IllegalArgumentException before anything is sent, if the payload type is unknown or a
   *     template reads a field the first payload does not have (the message says where)
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public HttpTargetResult run(Engine engine, LoadPlan plan) throws InterruptedException {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(plan, "plan");
    return new HttpRun(spec, plan).run(engine);
  }
}
