package dev.sluice.scenario.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's {@code com.sun.net.httpserver}) for tests and the
 * wrk comparison: records every request, counts requests in progress (and the most at once),
 * and answers with a configurable behaviour — status, body, delay, and a stall window during
 * which every request in progress or arriving waits until the window ends.
 */
public final class LocalHttpServer implements AutoCloseable {

  /** A request as the server received it. */
  public record Received(
      String method, String pathAndQuery, Map<String, List<String>> headers, String body,
      long receivedNanos) {
    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** What to answer. */
  public record Reply(int status, String body, long delayMillis) {
    /** 200 "ok" at once. */
    public static final Reply OK = new Reply(200, "ok", 0);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private volatile Function<Received, Reply> behaviour = r -> Reply.OK;
  private volatile long stallFromNanos = Long.MAX_VALUE;
  private volatile long stallUntilNanos = Long.MIN_VALUE;
  private volatile boolean record = true;

  /** Starts a server on an ephemeral port of 127.0.0.1 with {@code threads} handler threads. */
  public LocalHttpServer(int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "local-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A port on 127.0.0.1 where nothing listens (bound once, then closed). */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Sets how requests are answered. */
  public LocalHttpServer behaviour(Function<Received, Reply> b) {
    this.behaviour = b;
    return this;
  }

  /** Whether to keep the requests (off for long runs). */
  public LocalHttpServer recording(boolean on) {
    this.record = on;
    return this;
  }

  /** Every request in progress or arriving between the two times waits until {@code until}. */
  public void stall(long fromNanos, long untilNanos) {
    this.stallUntilNanos = untilNanos;
    this.stallFromNanos = fromNanos;
  }

  /** The requests received so far, in arrival order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The most requests in progress at once. */
  public int maxConcurrent() {
    return maxActive.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = active.incrementAndGet();
    maxActive.accumulateAndGet(now, Math::max);
    boolean counted = true;
    try {
      byte[] in = ex.getRequestBody().readAllBytes();
      Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
          Map.copyOf(ex.getRequestHeaders()), new String(in, StandardCharsets.UTF_8),
          System.nanoTime());
      if (record) {
        received.add(r);
      }
      Reply reply = behaviour.apply(r);
      if (reply.delayMillis() > 0) {
        sleepNanos(TimeUnit.MILLISECONDS.toNanos(reply.delayMillis()));
      }
      long t = System.nanoTime();
      if (t - stallFromNanos >= 0 && t - stallUntilNanos < 0) {
        sleepNanos(stallUntilNanos - t);
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      // no longer in progress once the answer starts: the client cannot have a slot back earlier
      active.decrementAndGet();
      counted = false;
      ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } finally {
      if (counted) {
        active.decrementAndGet();
      }
      ex.close();
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
