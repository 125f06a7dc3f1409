package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} sink of pipeline files against a server on loopback. */
class HttpSinkTest {
  private static final String INPUT = """
      {"user": "a", "amount": 10.5}
      {"user": "b", "amount": 3.0}
      {"user": "a", "amount": 4.5}
      {"user": "c", "amount": 1.0}
      {"user": "b", "amount": 7.0}
      """;

  private static String pipeline(int port, int batch, int retries) {
    return """
        {"sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl",
           "schema": {"user": "string", "amount": "double"}}],
         "sinks": [{"name": "post", "type": "http", "input": "in", "batchSize": %d, "retries": %d,
           "retryBackoff": 1, "url": "http://127.0.0.1:%d/in"}]}
        """.formatted(batch, retries, port);
  }

  @Test
  void postsBatchesAndRetriesFailedRequests(@TempDir Path dir) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/in", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean fail = calls.incrementAndGet() % 2 == 1; // every first attempt fails
      if (!fail) {
        bodies.add(body);
      }
      ex.sendResponseHeaders(fail ? 503 : 204, -1);
      ex.close();
    });
    server.start();
    CliRun r;
    try {
      Files.writeString(dir.resolve("in.jsonl"), INPUT);
      Files.writeString(dir.resolve("p.json"), pipeline(server.getAddress().getPort(), 2, 2));
      r = run("run", "--quiet", dir.resolve("p.json").toString());
    } finally {
      server.stop(0);
    }
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(bodies).containsExactly(
        "[{\"user\":\"a\",\"amount\":10.5},{\"user\":\"b\",\"amount\":3.0}]",
        "[{\"user\":\"a\",\"amount\":4.5},{\"user\":\"c\",\"amount\":1.0}]",
        "[{\"user\":\"b\",\"amount\":7.0}]");
    assertThat(calls.get()).isEqualTo(6);
  }

  @Test
  void givesUpAfterItsRetriesAndTheJobFails(@TempDir Path dir) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/in", ex -> {
      calls.incrementAndGet();
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(500, -1);
      ex.close();
    });
    server.start();
    CliRun r;
    try {
      Files.writeString(dir.resolve("in.jsonl"), INPUT);
      Files.writeString(dir.resolve("p.json"), pipeline(server.getAddress().getPort(), 1, 1));
      r = run("run", "--quiet", dir.resolve("p.json").toString());
    } finally {
      server.stop(0);
    }
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED").contains("HTTP 500");
    assertThat(calls.get()).isEqualTo(2); // the first request and its one retry
  }
}
