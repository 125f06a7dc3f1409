package dev.sluice.scenario.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.scenario.http.LocalHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journeys against a real HTTP server on 127.0.0.1 and against timed stages. Assertions are
 * counts, exact accounting and lower bounds that the test's own delays enforce.
 */
class JourneyRunnerTest {
  private static Engine engine;
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void engine() {
    engine = Engine.create();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static CompletionStage<HttpResponse<String>> call(
      String method, String url, long user) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url))
        .header("X-User", Long.toString(user))
        .method(method, HttpRequest.BodyPublishers.ofString("{\"user\":" + user + "}"))
        .timeout(Duration.ofSeconds(10))
        .build();
    return CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> {
          if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode());
          }
          return r;
        });
  }

  private static Executor after(long millis) {
    return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
  }

  @Test
  void aTwoStepJourneyAgainstTheLocalServerIsTimedPerStep() throws Exception {
    try (LocalHttpServer server = new LocalHttpServer(16)) {
      server.behaviour(r -> new LocalHttpServer.Reply(200, "ok", 20));
      Journey journey = user -> user
          .step("login", () -> call("POST", server.base() + "/login", user.userId()))
          .thenCompose(r -> user.step("buy", () -> call("GET", server.base() + "/buy",
              user.userId())));
      LoadPlan plan = LoadPlan.builder(RateProfile.constant(20), Duration.ofSeconds(1)).build();
      JourneyResult r = JourneyRunner.withMaxConcurrentUsers(5).run(engine, plan, journey);

      assertThat(r.plannedUsers()).isEqualTo(20);
      assertThat(r.started()).isEqualTo(20);
      assertThat(r.completed()).isEqualTo(20);
      assertThat(r.failed()).isZero();
      assertThat(r.steps()).extracting(StepResult::name).containsExactly("login", "buy");
      assertThat(r.step("login").calls()).isEqualTo(20);
      assertThat(r.step("buy").calls()).isEqualTo(20);
      // the server delays each answer by 20 ms: every step took at least that
      assertThat(r.step("buy").latency().p50Millis()).isGreaterThanOrEqualTo(19.9);
      assertThat(r.journeyLatency().count()).isEqualTo(20);
      assertThat(r.journeyLatency().p50Millis()).isGreaterThanOrEqualTo(39.8);
      assertThat(server.received()).hasSize(40);
      assertThat(server.received().stream().filter(q -> q.method().equals("GET")).count())
          .isEqualTo(20);
    }
  }

  @Test
  void aJourneyFailureIsCountedByTheStepThatFailed() throws Exception {
    try (LocalHttpServer server = new LocalHttpServer(16)) {
      server.behaviour(r -> r.pathAndQuery().startsWith("/buy")
          && Long.parseLong(r.header("X-User")) % 2 == 1
          ? new LocalHttpServer.Reply(500, "no", 0) : LocalHttpServer.Reply.OK);
      Journey journey = user -> user
          .step("login", () -> call("POST", server.base() + "/login", user.userId()))
          .thenCompose(r -> user.step("buy", () -> call("POST", server.base() + "/buy",
              user.userId())))
          .thenCompose(r -> user.step("logout", () -> call("POST", server.base() + "/logout",
              user.userId())));
      LoadPlan plan = LoadPlan.builder(RateProfile.constant(40), Duration.ofMillis(500)).build();
      JourneyResult r = JourneyRunner.withMaxConcurrentUsers(10).run(engine, plan, journey);

      assertThat(r.started()).isEqualTo(20);
      assertThat(r.failed()).isEqualTo(10);
      assertThat(r.completed()).isEqualTo(10);
      assertThat(r.failuresByStep()).containsExactly(Map.entry("buy", 10L));
      assertThat(r.step("login").failures()).isZero();
      assertThat(r.step("buy").calls()).isEqualTo(20);
      assertThat(r.step("buy").failures()).isEqualTo(10);
      assertThat(r.step("logout").calls()).isEqualTo(10); // failed journeys never got there
      assertThat(r.successRate()).isEqualTo(0.5);
    }
  }

  @Test
  void anExceptionOutsideAnyStepIsCountedAsSuch() throws Exception {
    Journey journey = user -> {
      if (user.userId() % 4 == 0) {
        throw new IllegalStateException("bad user");
      }
      return user.step("work", () -> CompletableFuture.completedFuture("done"));
    };
    LoadPlan plan = LoadPlan.builder(RateProfile.constant(40), Duration.ofMillis(500)).build();
    JourneyResult r = JourneyRunner.withMaxConcurrentUsers(4).run(engine, plan, journey);
    assertThat(r.failed()).isEqualTo(5);
    assertThat(r.failuresByStep()).containsExactly(Map.entry("(outside steps)", 5L));
    assertThat(r.completed()).isEqualTo(15);
  }

  @Test
  void atMostNUsersRunAtOnceAndUsersHeldBackAreCounted() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    Journey journey = user -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      return user.step("think", () -> CompletableFuture.supplyAsync(() -> {
        running.decrementAndGet();
        return "done";
      }, after(150)));
    };
    LoadPlan plan = LoadPlan.builder(RateProfile.constant(50), Duration.ofSeconds(1)).build();
    JourneyResult r = JourneyRunner.withMaxConcurrentUsers(3).run(engine, plan, journey);

    assertThat(maxRunning.get()).isBetween(1, 3);
    assertThat(r.maxConcurrentObserved()).isBetween(1, 3);
    // WAIT: nobody is lost; 3 slots of >= 150 ms serve at most 20 users/s, so users waited
    assertThat(r.started()).isEqualTo(r.plannedUsers()).isEqualTo(50);
    assertThat(r.completed()).isEqualTo(50);
    assertThat(r.delayedByCap()).isPositive();
    assertThat(r.backlogAtScheduleEnd()).isPositive();
    assertThat(r.startDelay().maxMillis()).isGreaterThan(1000);
    assertThat(r.achievedArrivalRatePerSecond()).isLessThan(r.plannedRatePerSecond());
    assertThat(r.onCapReached()).isEqualTo("WAIT");
  }

  @Test
  void underSkipUsersThatWouldStartTooLateAreSkippedAndCounted() throws Exception {
    Journey journey = user -> user.step("think",
        () -> CompletableFuture.supplyAsync(() -> "done", after(150)));
    LoadPlan plan = LoadPlan.builder(RateProfile.poisson(50), Duration.ofSeconds(1)).seed(3)
        .skipWhenCapReached(Duration.ofMillis(100)).build();
    JourneyResult r = JourneyRunner.withMaxConcurrentUsers(2).run(engine, plan, journey);

    assertThat(r.maxConcurrentObserved()).isLessThanOrEqualTo(2);
    assertThat(r.skipped()).isPositive();
    assertThat(r.started() + r.skipped()).isEqualTo(r.plannedUsers());
    assertThat(r.completed()).isEqualTo(r.started());
  }

  @Test
  void aStarvedPoolShowsAsPoolWaitAndAFedPoolDoesNot() throws Exception {
    // the seed's funding worker, slowed down: one wallet at a time, 100 ms each
    AtomicInteger wallets = new AtomicInteger();
    ResourcePool<String> slow = ResourcePool.<String>builder("wallets",
            () -> CompletableFuture.supplyAsync(() -> "w" + wallets.incrementAndGet(), after(100)))
        .capacity(2).refillConcurrency(1).build().start();
    Journey journey = user -> user.take(slow)
        .thenCompose(w -> user.step("spend", () -> CompletableFuture.completedFuture(w)));
    LoadPlan plan = LoadPlan.builder(RateProfile.constant(30), Duration.ofSeconds(1)).build();
    JourneyResult starved = JourneyRunner.withMaxConcurrentUsers(50).run(engine, plan, journey);
    slow.close();

    assertThat(starved.completed()).isEqualTo(30);
    assertThat(starved.poolWait()).containsOnlyKeys("wallets");
    LatencySummary wait = starved.poolWait().get("wallets");
    assertThat(wait.count()).isEqualTo(30);
    // 30 users in 1 s against 10 wallets/s: the last users wait for wallets made >= 2.5 s in
    assertThat(wait.maxMillis()).isGreaterThanOrEqualTo(1000);
    assertThat(starved.journeyLatency().maxMillis()).isGreaterThanOrEqualTo(wait.maxMillis());
    assertThat(slow.stats().takenAfterWaiting()).isPositive();
    assertThat(slow.stats().produced()).isGreaterThanOrEqualTo(30);

    ResourcePool<String> fed = ResourcePool.<String>builder("wallets",
            () -> CompletableFuture.completedFuture("w")).capacity(50).build().start();
    JourneyResult served = JourneyRunner.withMaxConcurrentUsers(50).run(engine, plan,
        user -> user.take(fed));
    fed.close();
    assertThat(fed.stats().takenAfterWaiting()).isZero();
    assertThat(served.poolWait().get("wallets").maxMillis())
        .isLessThan(wait.maxMillis());
  }

  @Test
  void aPoolRefillsWithBoundedConcurrencyAndRetriesFailedProductions() throws Exception {
    AtomicInteger inProduction = new AtomicInteger();
    AtomicInteger maxInProduction = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    ResourcePool<Integer> pool = ResourcePool.<Integer>builder("funded", () -> {
      maxInProduction.accumulateAndGet(inProduction.incrementAndGet(), Math::max);
      int n = attempts.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> {
        inProduction.decrementAndGet();
        if (n % 3 == 0) {
          throw new IllegalStateException("funding failed");
        }
        return n;
      }, after(20));
    }).capacity(10).refillConcurrency(3).retryDelay(Duration.ofMillis(5)).build().start();
    for (int i = 0; i < 25; i++) {
      assertThat(pool.take().toCompletableFuture().get(10, TimeUnit.SECONDS)).isPositive();
    }
    pool.close();
    ResourcePool.Stats s = pool.stats();
    assertThat(maxInProduction.get()).isBetween(1, 3);
    assertThat(s.taken()).isEqualTo(25);
    assertThat(s.failedProductions()).isPositive();
    assertThat(pool.take().toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void closingAPoolFailsWaitingTakers() {
    ResourcePool<String> never = ResourcePool.<String>builder("never",
        CompletableFuture::new).capacity(1).build().start();
    CompletableFuture<String> waiting = never.take().toCompletableFuture();
    assertThat(waiting).isNotDone();
    never.close();
    assertThat(waiting).isCompletedExceptionally();
  }
}
