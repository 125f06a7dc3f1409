package dev.sluice.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.core.Stage;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.fault.AsyncCallSettings;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.fault.WhileOpen;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The built-in system under test: decode → validate → enrich (a simulated remote call that fails
 * at the scenario's error rate and sometimes takes the spike latency, behind the scenario's
 * circuit breaker) → keyed aggregation (count and mean size per key) → alert (flags keys whose
 * rate jumps). Failures go to the dead-letter output; every event that completes carries its
 * intended emission time to the end.
 */
public final class SystemUnderTest implements Target<SystemUnderTest.Reading> {
  private static final JsonFactory JSON = new JsonFactory();

  /** The built-in system under test (stateless; shared). */
  public static final SystemUnderTest INSTANCE = new SystemUnderTest();

  private SystemUnderTest() {}

  @Override
  public String name() {
    return "built-in system under test";
  }

  @Override
  public long intendedNanosOf(Reading completed) {
    return completed.intendedNanos();
  }

  @Override
  public String errorKind(Throwable error) {
    if (error instanceof InjectedFailure) {
      return "injected failure";
    }
    if (error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
      return "circuit open";
    }
    return error instanceof IllegalArgumentException ? "invalid payload" : "error";
  }

  @Override
  public List<String> circuitBreakerNames(Scenario scenario) {
    return scenario.circuitBreaker() == null ? List.of() : List.of(scenario.name() + "-enrich");
  }

  /** The failure the enrich step injects at the scenario's error rate. */
  static final class InjectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailure(double errorRate) {
      super("injected failure (error rate " + errorRate + ")", null, false, false);
    }
  }

  /**
   * A decoded event.
   *
   * @param intendedNanos intended emission time
   * @param key the device or series it belongs to
   * @param sizeBytes payload size
   * @param count the key's running count (set by the aggregation)
   * @param alert whether the alert step flagged it
   */
  public record Reading(long intendedNanos, String key, int sizeBytes, long count, boolean alert) {}

  /** Appends the system under test to {@code input}; returns the stage that completes events. */
  @Override
  public Stage<Reading> attach(Stage<ScheduledEvent<byte[]>> input, Scenario scenario) {
    double errorRate = scenario.errorRate();
    Scenario.LatencySpike spike = scenario.latencySpike();
    AsyncCallSettings settings = AsyncCallSettings.defaults().withMaxConcurrency(256).withOrdered(false);
    if (scenario.circuitBreaker() != null) {
      settings =
          settings.withCircuitBreaker(
              new CircuitBreakerSettings(
                  scenario.name() + "-enrich", scenario.circuitBreaker().failureThreshold(),
                  Duration.ofMillis(scenario.circuitBreaker().resetTimeoutMs()), 3,
                  WhileOpen.FAIL_FAST));
    }
    SplittableRandom random = new SplittableRandom(17);
    return input
        .map(SystemUnderTest::decode)
        .named("decode")
        .onError(ErrorPolicy.DEAD_LETTER)
        .filter(r -> r.sizeBytes() > 0 && !r.key().isEmpty())
        .named("validate")
        .mapAsync(r -> enrich(r, errorRate, spike, random), settings)
        .named("enrich")
        .onError(ErrorPolicy.DEAD_LETTER)
        .keyBy(Reading::key)
        .mapStateful(
            () -> new long[2],
            (long[] s, String key, Reading r) -> {
              s[0]++;
              s[1] += r.sizeBytes();
              return new Reading(r.intendedNanos(), key, r.sizeBytes(), s[0], false);
            })
        .named("aggregate")
        .map(r -> r.count() % 10_000 == 0 ? new Reading(r.intendedNanos(), r.key(), r.sizeBytes(), r.count(), true) : r)
        .named("alert");
  }

  /** Decodes a payload: a JSON object's {@code device}/{@code bn}/{@code n} field, else a hash. */
  static Reading decode(ScheduledEvent<byte[]> e) {
    byte[] b = e.payload();
    String key = null;
    if (b.length > 0 && (b[0] == '{' || b[0] == '[')) {
      try (JsonParser p = JSON.createParser(b)) {
        JsonToken t;
        int depth = 0;
        while ((t = p.nextToken()) != null && key == null) {
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            depth++;
          } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            depth--;
          } else if (t == JsonToken.FIELD_NAME && depth <= 2) {
            String f = p.currentName();
            if (f.equals("device") || f.equals("bn") || f.equals("n") || f.equals("NodeId")) {
              if (p.nextToken() == JsonToken.VALUE_STRING) {
                key = p.getText();
              }
            }
          }
        }
      } catch (IOException ex) {
        throw new IllegalArgumentException("payload " + e.sequence() + " is not valid JSON: " + ex.getMessage(), ex);
      }
    }
    if (key == null) {
      key = "k" + (java.util.Arrays.hashCode(b) & 63);
    }
    return new Reading(e.intendedNanos(), key, b.length, 0, false);
  }

  private static CompletableFuture<Reading> enrich(
      Reading r, double errorRate, Scenario.LatencySpike spike, SplittableRandom random) {
    // called on the stage's single worker thread, so the random source needs no locking
    if (errorRate > 0 && random.nextDouble() < errorRate) {
      return CompletableFuture.failedFuture(new InjectedFailure(errorRate));
    }
    if (spike.probability() > 0 && random.nextDouble() < spike.probability()) {
      return CompletableFuture.supplyAsync(
          () -> r, CompletableFuture.delayedExecutor(spike.durationMs(), TimeUnit.MILLISECONDS));
    }
    return CompletableFuture.completedFuture(r);
  }
}
