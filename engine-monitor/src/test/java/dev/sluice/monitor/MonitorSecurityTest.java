package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The monitor's safety: loopback binding, read-only by default, the token for actions, refusal
 * of other origins and hosts, no CORS, security headers; and the SSE stream's format.
 */
class MonitorSecurityTest {
  private static final String TOKEN = "test-token-0123456789abcdef";

  @Test
  void bindsToLoopbackByDefault() throws Exception {
    try (Engine engine = Engine.create(); Monitor monitor = Monitor.start(engine)) {
      assertThat(monitor.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(monitor.uri().toString()).startsWith("http://127.0.0.1:");
      assertThat(RawHttp.get(monitor.address(), "/").status()).isEqualTo(200);
      Optional<InetAddress> external = externalAddress();
      if (external.isPresent()) { // not reachable from this machine's other addresses
        InetSocketAddress other = new InetSocketAddress(external.get(), monitor.address().getPort());
        assertThatThrownBy(() -> {
          try (Socket s = new Socket()) {
            s.connect(other, 2_000);
          }
        }).isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void readOnlyByDefault() throws Exception {
    try (Engine engine = Engine.create(); Monitor monitor = Monitor.start(engine)) {
      Job job = engine.submit(TestJobs.pipeline(Long.MAX_VALUE, 1_000), "victim");
      RawHttp.Response r = cancel(monitor, job, Map.of("X-Sluice-Token", TOKEN));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.text()).contains("read-only");
      assertThat(monitor.token()).isNull();
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
      job.cancel();
    }
  }

  @Test
  void cancelNeedsTheRightTokenFromTheSameOrigin() throws Exception {
    try (Engine engine = Engine.create();
        Monitor monitor = Monitor.start(engine, MonitorConfig.defaults().withActions(TOKEN))) {
      Job job = engine.submit(TestJobs.pipeline(Long.MAX_VALUE, 1_000), "victim");
      String self = "http://127.0.0.1:" + monitor.address().getPort();

      assertThat(cancel(monitor, job, Map.of()).status()).isEqualTo(401);
      assertThat(cancel(monitor, job, Map.of("X-Sluice-Token", TOKEN + "x")).status())
          .isEqualTo(401);
      assertThat(cancel(monitor, job, Map.of("X-Sluice-Token", "short")).status()).isEqualTo(401);
      assertThat(cancel(monitor, job, Map.of("Authorization", "Bearer wrong")).status())
          .isEqualTo(401);
      // The right token from another origin, or a cross-site fetch, is refused.
      assertThat(cancel(monitor, job,
          Map.of("X-Sluice-Token", TOKEN, "Origin", "http://evil.example")).status())
          .isEqualTo(403);
      assertThat(cancel(monitor, job,
          Map.of("X-Sluice-Token", TOKEN, "Sec-Fetch-Site", "cross-site")).status())
          .isEqualTo(403);
      // GET cannot cancel.
      assertThat(RawHttp.request(monitor.address(), "GET",
          "/api/jobs/" + job.id() + "/cancel", Map.of("X-Sluice-Token", TOKEN)).status())
          .isEqualTo(405);
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING);

      assertThat(cancel(monitor, job, Map.of("X-Sluice-Token", TOKEN, "Origin", self)).status())
          .isEqualTo(202);
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(RawHttp.request(monitor.address(), "POST", "/api/jobs/999/cancel",
          Map.of("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(404);
    }
  }

  @Test
  void generatedTokenIsPrintedOnceAndWorks() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Engine engine = Engine.create();
        Monitor monitor = Monitor.start(engine, MonitorConfig.defaults().withActions()
            .withTokenOut(new PrintStream(printed, true, StandardCharsets.UTF_8)))) {
      String token = monitor.token();
      assertThat(token).hasSizeGreaterThanOrEqualTo(40);
      String out = printed.toString(StandardCharsets.UTF_8);
      assertThat(out.split(token, -1)).hasSize(2); // exactly once
      Job job = engine.submit(TestJobs.pipeline(Long.MAX_VALUE, 1_000), "victim");
      assertThat(cancel(monitor, job, Map.of("Authorization", "Bearer " + token)).status())
          .isEqualTo(202);
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
    }
  }

  @Test
  void otherHostsAreRefusedAndNoCorsIsGranted() throws Exception {
    try (Engine engine = Engine.create(); Monitor monitor = Monitor.start(engine)) {
      RawHttp.Response rebound = RawHttp.request(monitor.address(), "GET", "/metrics",
          Map.of("Host", "evil.example:" + monitor.address().getPort()));
      assertThat(rebound.status()).isEqualTo(421);
      assertThat(RawHttp.request(monitor.address(), "GET", "/metrics",
          Map.of("Host", "localhost:" + monitor.address().getPort())).status()).isEqualTo(200);

      RawHttp.Response preflight = RawHttp.request(monitor.address(), "OPTIONS", "/api/state",
          Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "POST"));
      assertThat(preflight.status()).isEqualTo(405);
      RawHttp.Response read = RawHttp.request(monitor.address(), "GET", "/api/state",
          Map.of("Origin", "http://evil.example"));
      for (RawHttp.Response r : List.of(preflight, read)) {
        assertThat(r.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
      }
    }
  }

  @Test
  void everyPageCarriesSecurityHeadersAndThePageHasNoInlineScript() throws Exception {
    try (Engine engine = Engine.create(); Monitor monitor = Monitor.start(engine)) {
      for (String path : List.of("/", "/dashboard.js", "/metrics", "/api/state", "/nope")) {
        RawHttp.Response r = RawHttp.get(monitor.address(), path);
        String csp = r.header("Content-Security-Policy");
        assertThat(csp).as(path).contains("script-src 'self'").contains("default-src 'none'")
            .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      }
      String html = RawHttp.get(monitor.address(), "/").text();
      assertThat(html).contains("<script src=\"dashboard.js\" defer></script>");
      assertThat(html.replace("<script src=\"dashboard.js\" defer></script>", ""))
          .doesNotContain("<script").doesNotContain(" on").doesNotContain("style=");
      String js = RawHttp.get(monitor.address(), "/dashboard.js").text();
      assertThat(js).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML")
          .doesNotContain("document.write").doesNotContain("eval(");
    }
  }

  @Test
  void eventStreamSendsOneStateEventPerSnapshot() throws Exception {
    try (Engine engine = Engine.create();
        Monitor monitor = Monitor.start(engine,
            MonitorConfig.defaults().withInterval(Duration.ofMillis(200)).withMaxStreams(1))) {
      engine.submit(TestJobs.pipeline(Long.MAX_VALUE, 1_000), "streamed");
      try (Socket s = new Socket()) {
        s.connect(monitor.address(), 5_000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + monitor.address().getPort()
            + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        assertThat(RawHttp.line(in)).startsWith("HTTP/1.1 200");
        List<String> headers = new ArrayList<>();
        for (String l = RawHttp.line(in); !l.isEmpty(); l = RawHttp.line(in)) {
          headers.add(l.toLowerCase());
        }
        assertThat(headers).contains("content-type: text/event-stream; charset=utf-8")
            .contains("transfer-encoding: chunked");
        // A second dashboard over the limit is turned away.
        assertThat(RawHttp.get(monitor.address(), "/api/events").status()).isEqualTo(503);

        SseReader sse = new SseReader(in);
        assertThat(sse.next()).containsExactly("retry: 2000");
        ObjectMapper json = new ObjectMapper();
        long lastId = -1;
        long lastTime = -1;
        int withJob = 0;
        for (int i = 0; i < 10 && withJob < 3; i++) {
          List<String> event = sse.next();
          assertThat(event).hasSize(3);
          assertThat(event.get(0)).startsWith("id: ");
          assertThat(event.get(1)).isEqualTo("event: state");
          assertThat(event.get(2)).startsWith("data: {");
          long id = Long.parseLong(event.get(0).substring(4));
          JsonNode state = json.readTree(event.get(2).substring(6));
          assertThat(id).isGreaterThan(lastId);
          assertThat(state.get("time").asLong()).isGreaterThan(lastTime);
          lastId = id;
          lastTime = state.get("time").asLong();
          if (state.get("jobs").isEmpty()) {
            continue; // the state current when the stream opened may predate the submission
          }
          withJob++;
          assertThat(state.get("jobs").get(0).get("name").asText()).isEqualTo("streamed");
          JsonNode job = state.get("jobs").get(0);
          List<String> nodes = new ArrayList<>();
          job.get("topology").get("nodes").forEach(n -> nodes.add(n.get("name").asText()));
          List<String> stages = new ArrayList<>();
          job.get("stages").forEach(n -> stages.add(n.get("name").asText()));
          assertThat(nodes).containsExactlyInAnyOrderElementsOf(stages)
              .contains("readings", "checked.dead-letters", "out");
        }
        assertThat(withJob).isEqualTo(3);
      }
    }
  }

  /** Reads an SSE stream in HTTP chunked encoding, one event (its lines) at a time. */
  private static final class SseReader {
    private final InputStream in;
    private final StringBuilder buffer = new StringBuilder();

    SseReader(InputStream in) {
      this.in = in;
    }

    List<String> next() throws IOException {
      while (buffer.indexOf("\n\n") < 0) {
        int size = Integer.parseInt(RawHttp.line(in).trim(), 16);
        buffer.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
        RawHttp.line(in);
      }
      int end = buffer.indexOf("\n\n");
      String event = buffer.substring(0, end);
      buffer.delete(0, end + 2);
      return List.of(event.split("\n"));
    }
  }

  private static RawHttp.Response cancel(Monitor monitor, Job job, Map<String, String> headers)
      throws IOException {
    return RawHttp.request(monitor.address(), "POST", "/api/jobs/" + job.id() + "/cancel", headers);
  }

  private static Optional<InetAddress> externalAddress() throws IOException {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!ni.isUp() || ni.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }
}
