package dev.sluice.scenario.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.Engine;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.WhileOpen;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.scenario.journey.LoadPlan;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP target against a real server on 127.0.0.1. Assertions are relations that hold on any
 * machine speed: counts, exact accounting, lower bounds enforced by the server's own delays, and
 * only generous sanity bounds on durations.
 */
class HttpTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Engine engine;
  private LocalHttpServer server;

  @BeforeAll
  static void engine() {
    engine = Engine.create();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @BeforeEach
  void start() throws Exception {
    server = new LocalHttpServer(64);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static LoadPlan plan(double rate, Duration duration) {
    return LoadPlan.builder(RateProfile.constant(rate), duration).build();
  }

  private static long seqOf(LocalHttpServer.Received r) {
    return Long.parseLong(r.header("X-Seq"));
  }

  @Test
  void requestsCarryTheUrlHeadersAndBodyFilledFromEachPayload() throws Exception {
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/devices/{{device}}?seq={{$seq}}")
        .header("X-Seq", "{{$seq}}")
        .header("X-Value", "{{value}}")
        .header("Content-Type", "application/json")
        .body("{\"d\":{{device|json}},\"v\":{{value}},\"at\":{{$intendedEpochMillis}}}")
        .build();
    LoadPlan plan = plan(40, Duration.ofMillis(1000));
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan);

    List<LocalHttpServer.Received> got = server.received();
    assertThat(r.plannedRequests()).isEqualTo(40);
    assertThat(r.sent()).isEqualTo(40);
    assertThat(r.succeeded()).isEqualTo(40);
    assertThat(got).hasSize(40);
    // the same generator spec yields the same payloads: payload n went into request n
    PayloadGenerator g = PayloadGenerators.require("synthetic").create(plan.generatorSpec());
    JsonNode[] expected = new JsonNode[40];
    for (int i = 0; i < 40; i++) {
      expected[i] = JSON.readTree(g.next());
    }
    for (LocalHttpServer.Received rec : got) {
      int seq = (int) seqOf(rec);
      JsonNode payload = expected[seq];
      assertThat(rec.method()).isEqualTo("POST");
      String device = payload.get("device").asText();
      assertThat(URLDecoder.decode(rec.pathAndQuery(), StandardCharsets.UTF_8))
          .isEqualTo("/devices/" + device + "?seq=" + seq);
      assertThat(rec.header("X-Value")).isEqualTo(payload.get("value").asText());
      assertThat(rec.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = JSON.readTree(rec.body());
      assertThat(body.get("d").asText()).isEqualTo(device);
      assertThat(body.get("v").asDouble()).isEqualTo(payload.get("value").asDouble());
      assertThat(body.get("at").asLong()).isPositive();
    }
  }

  @Test
  void withoutABodyTemplateThePayloadBytesAreSentUnchanged() throws Exception {
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/raw").method("PUT").build();
    LoadPlan plan = plan(20, Duration.ofMillis(500));
    new HttpTarget(spec).run(engine, plan);
    PayloadGenerator g = PayloadGenerators.require("synthetic").create(plan.generatorSpec());
    java.util.Set<String> expected = new java.util.HashSet<>();
    for (int i = 0; i < 10; i++) {
      expected.add(new String(g.next(), StandardCharsets.UTF_8));
    }
    assertThat(server.received()).hasSize(10)
        .allSatisfy(rec -> assertThat(rec.method()).isEqualTo("PUT"));
    assertThat(server.received().stream().map(LocalHttpServer.Received::body))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void responsesAreClassifiedByStatusAndBody() throws Exception {
    server.behaviour(rec -> switch ((int) (seqOf(rec) % 5)) {
      case 0 -> new LocalHttpServer.Reply(503, "busy", 0);
      case 1 -> new LocalHttpServer.Reply(404, "no", 0);
      case 2 -> new LocalHttpServer.Reply(200, "all ok", 0);
      case 3 -> new LocalHttpServer.Reply(200, "nope", 0);
      default -> new LocalHttpServer.Reply(302, "", 0);
    });
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/x")
        .header("X-Seq", "{{$seq}}").successBodyContains("ok").build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan(50, Duration.ofSeconds(1)));

    assertThat(r.sent()).isEqualTo(50);
    assertThat(r.completed()).isEqualTo(50);
    assertThat(r.errors(HttpErrorKind.STATUS_5XX)).isEqualTo(10);
    assertThat(r.errors(HttpErrorKind.STATUS_4XX)).isEqualTo(10);
    assertThat(r.succeeded()).isEqualTo(10);
    assertThat(r.errors(HttpErrorKind.BODY_MISMATCH)).isEqualTo(10);
    assertThat(r.errors(HttpErrorKind.STATUS_OTHER)).isEqualTo(10); // a redirect is not followed
    assertThat(r.latency().count()).isEqualTo(10); // successes only
  }

  @Test
  void slowResponsesTimeOutAndAreCountedAsTimeouts() throws Exception {
    server.behaviour(rec -> seqOf(rec) % 2 == 1
        ? new LocalHttpServer.Reply(200, "late", 2500) : LocalHttpServer.Reply.OK);
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/slow")
        .header("X-Seq", "{{$seq}}").timeout(Duration.ofMillis(500)).build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan(20, Duration.ofSeconds(1)));

    // every slow answer (2.5 s) is a timeout (0.5 s); a fast one too only on a very busy machine
    assertThat(r.errors(HttpErrorKind.TIMEOUT)).isBetween(10L, 20L);
    assertThat(r.succeeded() + r.errors(HttpErrorKind.TIMEOUT)).isEqualTo(20);
    assertThat(r.completed()).isEqualTo(20);
    assertThat(r.latency().count()).isEqualTo(r.succeeded());
    // the run ends when the last request timed out, not when the slow answers would have come
    assertThat(r.lateFinishSeconds()).isLessThan(2.4);
  }

  @Test
  void aPortWithNothingListeningIsConnectRefused() throws Exception {
    HttpTargetSpec spec = HttpTargetSpec.builder(
        "http://127.0.0.1:" + LocalHttpServer.closedPort() + "/").build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan(20, Duration.ofMillis(500)));
    assertThat(r.sent()).isEqualTo(10);
    assertThat(r.errors(HttpErrorKind.CONNECT_REFUSED)).isEqualTo(10);
    assertThat(r.succeeded()).isZero();
  }

  @Test
  void theInFlightCapIsNeverExceededAtTheServerAndWaitingArrivalsAreCounted() throws Exception {
    server.behaviour(rec -> new LocalHttpServer.Reply(200, "ok", 100));
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/capped").maxInFlight(4).build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan(100, Duration.ofSeconds(1)));

    assertThat(server.maxConcurrent()).isBetween(1, 4);
    assertThat(r.maxInFlightObserved()).isBetween(1, 4);
    // WAIT: nothing is lost; the server can take at most 40/s, so arrivals waited
    assertThat(r.sent()).isEqualTo(r.plannedRequests()).isEqualTo(100);
    assertThat(r.succeeded()).isEqualTo(100);
    assertThat(r.delayedByCap()).isPositive();
    assertThat(r.backlogAtScheduleEnd()).isPositive();
    // 100 requests through 4 slots of >= 100 ms each take >= 2.5 s: the run ends >= 1.5 s late
    assertThat(r.lateFinishSeconds()).isGreaterThan(1.4);
    assertThat(r.achievedRatePerSecond()).isLessThan(r.plannedRatePerSecond() / 2);
    assertThat(r.sendDelay().maxMillis()).isGreaterThan(1000);
    assertThat(r.latency().p99Millis()).isGreaterThan(r.serviceTime().p99Millis());
  }

  @Test
  void underSkipArrivalsWaitingLongerThanMaxWaitAreNotSentAndCounted() throws Exception {
    server.behaviour(rec -> new LocalHttpServer.Reply(200, "ok", 100));
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/capped").maxInFlight(2).build();
    LoadPlan plan = LoadPlan.builder(RateProfile.constant(100), Duration.ofSeconds(1))
        .skipWhenCapReached(Duration.ofMillis(50)).build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan);

    assertThat(server.maxConcurrent()).isLessThanOrEqualTo(2);
    assertThat(r.errors(HttpErrorKind.IN_FLIGHT_CAP)).isPositive();
    assertThat(r.sent() + r.errors(HttpErrorKind.IN_FLIGHT_CAP)).isEqualTo(r.plannedRequests());
    assertThat(r.sent()).isEqualTo(server.received().size());
    assertThat(r.onCapReached()).isEqualTo("SKIP after 50 ms");
  }

  @Test
  void aOneSecondStallShowsInTheHighPercentilesFromTheIntendedSendTime() throws Exception {
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/stall").maxInFlight(4)
        .timeout(Duration.ofSeconds(10)).build();
    LoadPlan plan = plan(100, Duration.ofSeconds(3));
    // the stall starts 1 s into the run and lasts 1 s: arm it from the first request
    server.behaviour(new java.util.function.Function<>() {
      private boolean armed;

      @Override
      public synchronized LocalHttpServer.Reply apply(LocalHttpServer.Received rec) {
        if (!armed) {
          armed = true;
          long first = rec.receivedNanos();
          server.stall(first + 1_000_000_000L, first + 2_000_000_000L);
        }
        return LocalHttpServer.Reply.OK;
      }
    });
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan);

    assertThat(r.succeeded()).isEqualTo(300);
    // ~100 requests were due during the stall; those due in its first half waited >= 0.5 s
    // (the server held them), about 1/6 of all: the 90th percentile is at least 0.5 s
    assertThat(r.latency().p90Millis()).isGreaterThanOrEqualTo(500);
    assertThat(r.latency().maxMillis()).isGreaterThanOrEqualTo(900);
    // only the 4 requests in flight were stuck in the server; the others waited to be sent,
    // which a latency measured from the actual send (a closed-loop view) does not see
    assertThat(r.sendDelay().p90Millis()).isGreaterThanOrEqualTo(500);
    assertThat(r.delayedByCap()).isPositive();
  }

  @Test
  void theCircuitOpensOnFailuresAndClosesWhenTheServiceRecovers() throws Exception {
    long[] firstAt = {0};
    server.behaviour(rec -> {
      synchronized (firstAt) {
        if (firstAt[0] == 0) {
          firstAt[0] = rec.receivedNanos();
        }
      }
      return rec.receivedNanos() - firstAt[0] < 800_000_000L
          ? new LocalHttpServer.Reply(503, "down", 0) : LocalHttpServer.Reply.OK;
    });
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/flaky")
        .circuitBreaker(new CircuitBreakerSettings("ignored", 5, Duration.ofMillis(200), 2,
            WhileOpen.FAIL_FAST))
        .build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan(100, Duration.ofSeconds(2)));

    assertThat(r.circuitTransitions()).startsWith("CLOSED->OPEN");
    assertThat(r.circuitTransitions()).contains("OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    assertThat(r.circuitTransitions().get(r.circuitTransitions().size() - 1))
        .isEqualTo("HALF_OPEN->CLOSED");
    assertThat(r.errors(HttpErrorKind.CIRCUIT_OPEN)).isPositive();
    assertThat(r.errors(HttpErrorKind.STATUS_5XX)).isGreaterThanOrEqualTo(5);
    assertThat(r.succeeded()).isPositive();
    // not-permitted requests never reached the server
    assertThat(r.sent()).isEqualTo(server.received().size());
    assertThat(r.sent() + r.errors(HttpErrorKind.CIRCUIT_OPEN)).isEqualTo(200);
  }

  @Test
  void achievedRateIsMeasuredAndNearTheTargetAtAModestRate() throws Exception {
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/fast").build();
    LoadPlan plan = LoadPlan.builder(RateProfile.poisson(100), Duration.ofSeconds(2))
        .warmup(Duration.ofMillis(500)).seed(7).build();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan);

    assertThat(r.warmupRequests()).isPositive();
    assertThat(r.sent()).isEqualTo(r.plannedRequests());
    assertThat(server.received()).hasSize((int) (r.plannedRequests() + r.warmupRequests()));
    assertThat(r.completed()).isEqualTo(r.plannedRequests());
    // completions / wall time of the measured phase, which is the duration plus any late finish
    assertThat(r.measuredSeconds()).isCloseTo(2.0 + r.lateFinishSeconds(), within(0.01));
    assertThat(r.achievedRatePerSecond())
        .isCloseTo(r.completed() / r.measuredSeconds(), within(1e-6))
        .isLessThanOrEqualTo(r.plannedRatePerSecond() + 1e-9);
    // near the plan at this modest rate; a generous bound for a busy shared machine
    assertThat(r.achievedRatePerSecond()).isGreaterThan(r.plannedRatePerSecond() * 0.25);
    assertThat(r.cutOff()).isFalse();
  }

  @Test
  void aRunThatFallsFarBehindIsCutOffAtTheWallClockLimit() throws Exception {
    server.behaviour(rec -> new LocalHttpServer.Reply(200, "ok", 3000));
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/stuck").maxInFlight(2)
        .timeout(Duration.ofSeconds(20)).build();
    LoadPlan plan = LoadPlan.builder(RateProfile.constant(20), Duration.ofMillis(500))
        .wallClockLimit(Duration.ofMillis(1200)).build();
    long t0 = System.nanoTime();
    HttpTargetResult r = new HttpTarget(spec).run(engine, plan);
    assertThat(r.cutOff()).isTrue();
    assertThat(r.succeeded()).isZero();
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.9); // before any answer came
  }

  @Test
  void aTemplateFieldTheFirstPayloadLacksFailsBeforeTheRunWithItsColumn() {
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/d/{{devce}}").build();
    assertThatThrownBy(() -> new HttpTarget(spec).run(engine, plan(10, Duration.ofMillis(100))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url template, column " + (server.base().length() + 4))
        .hasMessageContaining("unknown field 'devce'")
        .hasMessageContaining("device");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void anUnknownPayloadTypeIsRefusedBeforeTheRun() {
    HttpTargetSpec spec = HttpTargetSpec.builder(server.base() + "/").body("{{device}}").build();
    LoadPlan plan = LoadPlan.builder(RateProfile.constant(10), Duration.ofMillis(100))
        .payload("no-such-generator", 64).build();
    assertThatThrownBy(() -> new HttpTarget(spec).run(engine, plan))
        .hasMessageContaining("no payload generator named 'no-such-generator'");
  }
}
