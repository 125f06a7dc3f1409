package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice scenario run --file examples/scenarios/http-ingest.json} against a real HTTP
 * server on 127.0.0.1 (the JDK's {@code com.sun.net.httpserver}), run in-process: what the
 * server saw matches the report, the achieved rate is measured, 5xx answers are errors by kind
 * and fail the success-rate criterion, and an unreachable service gives a clear report.
 */
class ScenarioHttpCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE =
      Path.of("../examples/scenarios/http-ingest.json").toAbsolutePath().normalize();

  /** A request as the server received it. */
  record Received(String path, String contentType, String seqHeader, String body) {}

  private HttpServer server;
  private ExecutorService executor;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong answered = new AtomicLong();
  /** Every n-th request (by arrival at the server) is answered 503; 0 for none. */
  private volatile int failEvery;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      received.add(new Received(ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("Content-Type"),
          ex.getRequestHeaders().getFirst("X-Seq"), body));
      long n = answered.incrementAndGet();
      int every = failEvery;
      int status = every > 0 && n % every == 0 ? 503 : 200;
      byte[] reply = (status == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, reply.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/devices/{{device}}/readings";
  }

  @Test
  void theExampleDrivesTheServiceAndReportsMeasuredFigures(@TempDir Path dir) throws Exception {
    assertThat(EXAMPLE).exists();
    CliRun r = run("scenario", "run", "--file", EXAMPLE.toString(), "--target-url", url(),
        "--quiet", "--report-dir", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("target    HTTP POST " + url()).contains("PASSED");
    JsonNode report = JSON.readTree(Files.readString(dir.resolve("report.json")));
    assertThat(report.get("target").asText()).isEqualTo("HTTP POST " + url());
    JsonNode override = report.get("overrides").get(0);
    assertThat(override.get("option").asText()).isEqualTo("--target-url");
    assertThat(override.get("replaced").asText())
        .isEqualTo("http://127.0.0.1:8080/devices/{{device}}/readings");

    long completed = report.get("completedEvents").asLong();
    long errors = report.get("errorEvents").asLong();
    assertThat(completed).isPositive();
    assertThat(report.get("emittedEvents").asLong()).isEqualTo(completed + errors);
    // every request the server saw was completed or counted as an error, and nothing else; on
    // a badly overloaded machine a request may time out (the example allows 1 % errors) before
    // it reaches the server, so equality is checked when nothing timed out
    assertThat(report.get("errorEventsByKind").path("TIMEOUT").asLong(0)).isEqualTo(errors);
    if (errors == 0) {
      assertThat(received).hasSize((int) completed);
    } else {
      assertThat(received.size()).isBetween((int) completed, (int) (completed + errors));
    }

    // the achieved rate is measured: measured completions per second of measured wall time,
    // never more than planned
    double achieved = report.get("achievedEventsPerSecond").asDouble();
    double planned = report.get("plannedEventsPerSecond").asDouble();
    long measured = report.get("measuredCompletedEvents").asLong();
    long wallMillis = report.get("measuredWallMillis").asLong();
    assertThat(planned).isEqualTo(200.0);
    assertThat(measured).isPositive().isLessThan(completed); // the warm-up is not measured
    assertThat(achieved).isLessThanOrEqualTo(planned * 1.0001);
    // measuredWallMillis is rounded down to the millisecond
    assertThat(achieved).isBetween(measured * 1000.0 / (wallMillis + 1),
        measured * 1000.0 / wallMillis);

    // the requests were filled from the templates: path, headers and body from each payload
    Set<String> seqs = new HashSet<>();
    for (Received q : List.copyOf(received)) {
      JsonNode body = JSON.readTree(q.body());
      String device = body.get("device").asText();
      assertThat(device).startsWith("dev-");
      assertThat(q.path()).isEqualTo("/devices/" + device + "/readings");
      assertThat(body.get("value").isNumber()).as(q.body()).isTrue();
      assertThat(body.get("seq").isIntegralNumber()).as(q.body()).isTrue();
      assertThat(q.contentType()).isEqualTo("application/json");
      assertThat(seqs.add(q.seqHeader())).as("X-Seq " + q.seqHeader() + " once").isTrue();
      assertThat(Long.parseLong(q.seqHeader())).isNotNegative();
    }
  }

  @Test
  void fiveHundredsAreErrorsByKindAndFailTheSuccessRate(@TempDir Path dir) throws Exception {
    failEvery = 5;
    CliRun r = run("scenario", "run", "--file", EXAMPLE.toString(), "--target-url", url(),
        "--duration", "2s", "--quiet", "--report-dir", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(Files.readString(dir.resolve("report.json")));
    long completed = report.get("completedEvents").asLong();
    long errors = report.get("errorEvents").asLong();
    // one answer in five was a 503: each is an error of kind STATUS_5XX (unless the client had
    // given up on it first: TIMEOUT, possible only on a badly overloaded machine)
    JsonNode kinds = report.get("errorEventsByKind");
    long timeouts = kinds.path("TIMEOUT").asLong(0);
    long status5xx = kinds.path("STATUS_5XX").asLong(0);
    assertThat(kinds.size()).isEqualTo(timeouts == 0 ? 1 : 2);
    assertThat(errors).isEqualTo(status5xx + timeouts);
    if (timeouts == 0) {
      assertThat(received).hasSize((int) (completed + errors));
      assertThat(status5xx).isEqualTo(received.size() / 5);
    } else {
      assertThat(received.size()).isBetween((int) (completed + status5xx),
          (int) (completed + errors));
      assertThat(status5xx).isBetween(received.size() / 5 - timeouts, (long) received.size() / 5);
    }
    assertThat(r.out()).contains("STATUS_5XX").contains("FAILED")
        .contains("success rate").contains("is below the minimum 0.9900");
  }

  @Test
  void anUnreachableServiceEndsWithAClearReport() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String nowhere = "http://127.0.0.1:" + port + "/devices/{{device}}/readings";
    CliRun r = run("scenario", "run", "--file", EXAMPLE.toString(), "--target-url", nowhere,
        "--duration", "1s", "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("target    HTTP POST " + nowhere)
        .contains("completed 0").contains("CONNECT_REFUSED")
        .contains("latency   none measured").contains("FAILED");
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aTargetMistakeIsALocatedErrorWithExitCode2(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"name\": \"x\", \"targetEps\": 10, \"errorRate\": 0.1,"
        + " \"target\": {\"url\": \"http://127.0.0.1:1/{{device\", \"timeoutMs\": -5,"
        + " \"methd\": \"GET\"}}");
    CliRun r = run("scenario", "run", "--file", f.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("PASSED").doesNotContain("FAILED");
    assertThat(r.err()).contains(f + ": $.target.methd: unknown field")
        .contains(f + ": $.target.timeoutMs:")
        .contains(f + ": $.errorRate: injects failures into the built-in system under test only")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aTemplateFieldThePayloadsLackIsRejectedBeforeTheRun() throws Exception {
    CliRun r = run("scenario", "run", "--file", EXAMPLE.toString(), "--target-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/x/{{nosuchfield}}", "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("sluice: " + EXAMPLE + ": $.target: ")
        .contains("nosuchfield").doesNotContain("\n");
    assertThat(received).isEmpty();
  }

  @Test
  void theTargetsCircuitBreakerStopsCallsAndIsReported(@TempDir Path dir) throws Exception {
    failEvery = 1; // every answer is a 503
    Path f = dir.resolve("breaker.json");
    Files.writeString(f, """
        {"name": "breaker", "targetEps": 100, "durationMs": 1500,
         "target": {"url": "%s", "maxInFlight": 4,
                    "circuitBreaker": {"failureThreshold": 5, "resetTimeoutMs": 60000}},
         "successCriteria": {"minSuccessRate": 0.5}}"""
        .formatted(url()));
    CliRun r = run("scenario", "run", "--file", f.toString(), "--quiet", "--report-dir",
        dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(Files.readString(dir.resolve("report.json")));
    JsonNode kinds = report.get("errorEventsByKind");
    long status5xx = kinds.path("STATUS_5XX").asLong(0);
    long open = kinds.path("CIRCUIT_OPEN").asLong(0);
    assertThat(status5xx).isPositive();
    assertThat(open).as(kinds.toString()).isPositive();
    assertThat(report.get("completedEvents").asLong()).isZero();
    // calls refused by the open circuit never reached the server
    if (kinds.path("TIMEOUT").asLong(0) == 0) {
      assertThat(received).hasSize((int) status5xx);
    }
    assertThat(report.get("circuitTransitions").toString()).contains("OPEN");
    assertThat(r.out()).contains("CIRCUIT_OPEN").contains("circuit   CLOSED->OPEN")
        .contains("FAILED");
  }
}
