package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.WhileOpen;
import dev.sluice.scenario.http.HttpTarget;
import dev.sluice.scenario.http.HttpTargetResult;
import dev.sluice.scenario.http.HttpTargetSpec;
import dev.sluice.scenario.http.LocalHttpServer;
import dev.sluice.scenario.http.StatusRange;
import dev.sluice.scenario.journey.Journey;
import dev.sluice.scenario.journey.JourneyResult;
import dev.sluice.scenario.journey.JourneyRunner;
import dev.sluice.scenario.journey.LoadPlan;
import dev.sluice.scenario.journey.ResourcePool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/scenarios-http.md, compiled and run against a local server. The
 * bodies of {@link #httpExample} and {@link #walletJourneyExample} are the documented snippets
 * (the docs use longer durations); keep the two in step.
 */
class DocExamplesTest {

  static HttpTargetResult httpExample(String baseUrl, Duration duration) throws Exception {
    try (Engine engine = Engine.create()) {
      HttpTargetSpec spec = HttpTargetSpec.builder(baseUrl + "/devices/{{device}}/readings")
          .method("POST")
          .header("Content-Type", "application/json")
          .header("X-Request-Seq", "{{$seq}}")
          .body("{\"device\": {{device|json}}, \"value\": {{value}}}")
          .timeout(Duration.ofSeconds(2))
          .successStatuses(List.of(new StatusRange(200, 299)))
          .maxInFlight(32)
          .circuitBreaker(new CircuitBreakerSettings(
              "ingest", 5, Duration.ofSeconds(5), 2, WhileOpen.FAIL_FAST))
          .build();
      LoadPlan plan = LoadPlan.builder(RateProfile.poisson(200), duration)
          .warmup(Duration.ofSeconds(1))
          .build();
      HttpTargetResult result = new HttpTarget(spec).run(engine, plan);
      System.out.println(result.describe());
      return result;
    }
  }

  /** The service the journey calls: fund a wallet, register with it, transfer. */
  record Api(HttpClient client, String baseUrl) {
    CompletableFuture<String> post(String path, String body) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .timeout(Duration.ofSeconds(5))
          .build();
      return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(response -> {
            if (response.statusCode() != 200) {
              throw new IllegalStateException(path + ": status " + response.statusCode());
            }
            return response.body();
          });
    }
  }

  static JourneyResult walletJourneyExample(Api api, Duration duration) throws Exception {
    try (Engine engine = Engine.create();
        ResourcePool<String> wallets = ResourcePool
            .<String>builder("wallets", () -> api.post("/wallets/fund", "{}"))
            .capacity(100)
            .refillConcurrency(5)
            .build()
            .start()) {
      Journey user = u -> u.take(wallets)
          .thenCompose(wallet -> u.step("register", () -> api.post("/register", wallet)))
          .thenCompose(session -> u.step("transfer", () -> api.post("/transfer", session)));
      LoadPlan plan = LoadPlan.builder(RateProfile.poisson(3.0), duration).build();
      JourneyResult result = JourneyRunner.withMaxConcurrentUsers(50).run(engine, plan, user);
      System.out.println(result.describe());
      return result;
    }
  }

  @Test
  void theHttpTargetExampleRuns() throws Exception {
    try (LocalHttpServer server = new LocalHttpServer(16)) {
      server.recording(true);
      HttpTargetResult r = httpExample(server.base(), Duration.ofSeconds(1));
      assertThat(r.sent()).isEqualTo(r.plannedRequests()).isPositive();
      assertThat(r.succeeded()).isEqualTo(r.sent());
      assertThat(server.received()).allSatisfy(q ->
          assertThat(q.pathAndQuery()).matches("/devices/[^/]+/readings"));
    }
  }

  @Test
  void theWalletJourneyExampleRuns() throws Exception {
    try (LocalHttpServer server = new LocalHttpServer(16)) {
      server.behaviour(q -> new LocalHttpServer.Reply(200, "w-" + q.receivedNanos(), 5));
      Api api = new Api(HttpClient.newHttpClient(), server.base());
      JourneyResult r = walletJourneyExample(api, Duration.ofSeconds(3));
      assertThat(r.started()).isEqualTo(r.plannedUsers());
      assertThat(r.completed()).isEqualTo(r.started());
      assertThat(r.poolWait()).containsOnlyKeys("wallets");
      assertThat(r.steps()).extracting(s -> s.name()).containsExactly("register", "transfer");
    }
  }
}
