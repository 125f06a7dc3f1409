package dev.sluice.scenario;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Stage;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.fault.AsyncCallSettings;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.scenario.http.HttpErrorKind;
import dev.sluice.scenario.http.HttpTargetSpec;
import dev.sluice.scenario.http.HttpTargetSpecException;
import dev.sluice.scenario.http.HttpTargetSpecJson;
import dev.sluice.scenario.http.internal.HttpCalls;
import dev.sluice.scenario.http.internal.Template;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A scenario {@link Target} that is an external HTTP service: each scheduled payload becomes one
 * request rendered from the {@link HttpTargetSpec}'s templates, sent through the core's {@code
 * mapAsync} (the spec's {@code maxInFlight} is its concurrency, the spec's timeout its timeout,
 * the spec's circuit breaker around it) with the same request machinery as {@link
 * dev.sluice.scenario.http.HttpTarget}. A request that succeeds completes its event (latency from
 * the intended send time, measured by the runner); one that fails is dead-lettered and counted
 * under its {@link HttpErrorKind} name (for example {@code STATUS_5XX}, {@code CONNECT_REFUSED},
 * {@code TIMEOUT}, {@code CIRCUIT_OPEN}). When the cap is reached, arrivals wait (they are late,
 * and their latency shows it); the spec's {@code SKIP} policy belongs to {@code LoadPlan} runs.
 *
 * <p><b>Threading:</b> requests are rendered and sent on the engine's worker and complete on the
 * HTTP client's threads (the JDK's default executor, daemon threads). Stateless between runs;
 * each {@link #attach} builds its own client. <b>Failure:</b> {@link #attach} throws {@link
 * IllegalArgumentException} before anything is sent if a template reads a field the scenario's
 * first payload lacks; nothing the service does fails the run.
 */
public final class HttpServiceTarget implements Target<ScheduledEvent<byte[]>> {
  private final HttpTargetSpec spec;

  /** A target calling the service {@code spec} describes. */
  public HttpServiceTarget(HttpTargetSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * A target that sends each payload to {@code url} (a template) with the default settings: POST,
   * 5 s timeout, 2xx is success, 64 in flight, no circuit breaker.
   *
   * @throws IllegalArgumentException if the URL is not a valid template of an http(s) URL
   */
  public static HttpServiceTarget ofUrl(String url) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("url", url);
    try {
      return new HttpServiceTarget(HttpTargetSpecJson.parse(node, "--target-url"));
    } catch (HttpTargetSpecException e) {
      throw new IllegalArgumentException(String.join("; ", e.problems()), e);
    }
  }

  /** The spec. */
  public HttpTargetSpec spec() {
    return spec;
  }

  @Override
  public String name() {
    return "HTTP " + spec.describe();
  }

  @Override
  public Stage<ScheduledEvent<byte[]>> attach(
      Stage<ScheduledEvent<byte[]>> input, Scenario scenario) {
    HttpCalls calls = new HttpCalls(spec);
    PayloadGenerator sample = PayloadGenerators.require(scenario.payloadType())
        .create(GeneratorSpec.of(0, scenario.payloadSizeBytes()));
    calls.checkFields(sample.next(), scenario.payloadType(), sample.format());
    HttpClient client = calls.newClient(null);
    AsyncCallSettings settings =
        AsyncCallSettings.defaults()
            .withMaxConcurrency(spec.maxInFlight())
            .withOrdered(false)
            // a backstop for the client's own timeout (which covers only the time to the
            // response headers): a little later, so the client's normally fires first
            .withTimeout(spec.timeout().plus(spec.timeout().dividedBy(10)).plusMillis(10));
    List<String> breakers = circuitBreakerNames(scenario);
    if (!breakers.isEmpty()) {
      CircuitBreakerSettings cb = spec.circuitBreaker();
      settings = settings.withCircuitBreaker(new CircuitBreakerSettings(breakers.get(0),
          cb.failureThreshold(), cb.resetTimeout(), cb.successesToClose(), cb.whileOpen()));
    }
    return input
        .mapAsync(e -> call(calls, client, e), settings)
        .named("http-call")
        .onError(ErrorPolicy.DEAD_LETTER);
  }

  private static CompletableFuture<ScheduledEvent<byte[]>> call(
      HttpCalls calls, HttpClient client, ScheduledEvent<byte[]> e) {
    HttpRequest request;
    try {
      request = calls.request(e.payload(), e.sequence(), e.intendedEpochMillis());
    } catch (Template.MissingFieldException missing) {
      return CompletableFuture.failedFuture(new HttpCalls.RequestFailed(HttpErrorKind.TEMPLATE));
    } catch (IllegalArgumentException badUri) {
      return CompletableFuture.failedFuture(new HttpCalls.RequestFailed(HttpErrorKind.OTHER));
    }
    CompletableFuture<ScheduledEvent<byte[]>> done = new CompletableFuture<>();
    CompletableFuture<?> http;
    try {
      http = calls.send(client, request)
          .whenComplete((response, failure) -> {
            HttpErrorKind kind = failure != null ? HttpCalls.classify(failure)
                : calls.classify(response);
            if (failure == null && kind == null) {
              done.complete(e);
            } else {
              done.completeExceptionally(new HttpCalls.RequestFailed(
                  kind == null ? HttpErrorKind.TIMEOUT : kind));
            }
          });
    } catch (RuntimeException ex) {
      return CompletableFuture.failedFuture(new HttpCalls.RequestFailed(HttpErrorKind.OTHER));
    }
    done.whenComplete((r, failure) -> {
      if (failure instanceof CancellationException) {
        http.cancel(true); // mapAsync abandoned the call (its timeout): stop the exchange
      }
    });
    return done;
  }

  @Override
  public long intendedNanosOf(ScheduledEvent<byte[]> completed) {
    return completed.intendedNanos();
  }

  /** The {@link HttpErrorKind} name of a failure, e.g. {@code STATUS_5XX}. */
  @Override
  public String errorKind(Throwable error) {
    if (error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
      return HttpErrorKind.CIRCUIT_OPEN.name();
    }
    if (error instanceof TimeoutException) {
      return HttpErrorKind.TIMEOUT.name();
    }
    HttpErrorKind kind = HttpCalls.classify(error);
    return (kind == null ? HttpErrorKind.TIMEOUT : kind).name();
  }

  @Override
  public List<String> circuitBreakerNames(Scenario scenario) {
    return spec.circuitBreaker() == null ? List.of()
        : List.of(scenario.name() + "-" + spec.name() + "-circuit");
  }
}
