package dev.sluice.monitor.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.payloads.prometheus.ExpositionWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the monitor, on the JDK's {@link HttpServer}: static dashboard files, {@code
 * /metrics}, the state as JSON and as a server-sent event stream, and the cancel action.
 *
 * <p>Every response carries a strict Content-Security-Policy and no CORS header. Every request
 * must name this server in its Host header when it is bound to a loopback address (DNS
 * rebinding); an action must also come from no other origin and carry the token.
 */
public final class MonitorServer {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final Pattern CANCEL = Pattern.compile("/api/jobs/([0-9]{1,18})/cancel");
  private static final long KEEPALIVE_MILLIS = 15_000;
  private static final Map<String, String[]> STATIC =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
          "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
          "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"});

  private final Engine engine;
  private final StatePoller poller;
  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] tokenDigest;
  private final boolean actionsEnabled;
  private final int maxStreams;
  private final AtomicInteger streams = new AtomicInteger();
  private final Set<String> allowedHosts = new HashSet<>();
  private final boolean checkHost;
  private final InetSocketAddress address;

  public MonitorServer(
      Engine engine, StatePoller poller, String host, int port, boolean actionsEnabled,
      String token, int maxStreams) throws IOException {
    this.engine = engine;
    this.poller = poller;
    this.actionsEnabled = actionsEnabled;
    this.tokenDigest = token == null ? null : sha256(token);
    this.maxStreams = maxStreams;
    InetAddress bind = InetAddress.getByName(host);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sluice-monitor-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
    this.address = server.getAddress();
    int p = address.getPort();
    this.checkHost = bind.isLoopbackAddress();
    for (String h : new String[] {"127.0.0.1", "localhost", "[::1]", host}) {
      allowedHosts.add(h.toLowerCase(Locale.ROOT) + ":" + p);
    }
  }

  public InetSocketAddress address() {
    return address;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Headers h = ex.getResponseHeaders();
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      h.set("Referrer-Policy", "no-referrer");
      h.set("Cache-Control", "no-store");
      h.set("Cross-Origin-Resource-Policy", "same-origin");
      String hostHeader = ex.getRequestHeaders().getFirst("Host");
      if (checkHost
          && (hostHeader == null
              || !allowedHosts.contains(hostHeader.toLowerCase(Locale.ROOT)))) {
        text(ex, 421, "unexpected Host header: this server answers to " + allowedHosts + "\n");
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      Matcher cancel = CANCEL.matcher(path);
      if (cancel.matches()) {
        if (!method.equals("POST")) {
          h.set("Allow", "POST");
          text(ex, 405, "use POST\n");
          return;
        }
        cancel(ex, Long.parseLong(cancel.group(1)));
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Allow", "GET, HEAD");
        text(ex, 405, "method not allowed\n");
        return;
      }
      String[] file = STATIC.get(path);
      if (file != null) {
        send(ex, 200, file[1], resource(file[0]));
      } else if (path.equals("/metrics")) {
        metrics(ex);
      } else if (path.equals("/api/state")) {
        send(ex, 200, "application/json; charset=utf-8",
            poller.stateJson().getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/api/events")) {
        events(ex);
      } else {
        text(ex, 404, "not found\n");
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("monitor request failed", e);
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    String accept = ex.getRequestHeaders().getFirst("Accept");
    boolean openMetrics =
        accept == null
            || accept.contains("application/openmetrics-text")
            || !accept.contains("text/plain");
    var families = poller.export().families(poller.snapshot(), poller.breakerStates());
    byte[] body =
        openMetrics ? ExpositionWriter.openMetrics(families) : ExpositionWriter.prometheus(families);
    ex.getResponseHeaders().set("Vary", "Accept");
    send(ex, 200, openMetrics ? OPENMETRICS : PROMETHEUS, body);
  }

  private void events(HttpExchange ex) throws IOException {
    if (streams.incrementAndGet() > maxStreams) {
      streams.decrementAndGet();
      text(ex, 503, "too many dashboards open (maxStreams=" + maxStreams + ")\n");
      return;
    }
    try {
      Headers h = ex.getResponseHeaders();
      h.set("Content-Type", "text/event-stream; charset=utf-8");
      h.set("X-Accel-Buffering", "no");
      ex.sendResponseHeaders(200, 0);
      if (ex.getRequestMethod().equals("HEAD")) {
        return;
      }
      OutputStream out = ex.getResponseBody();
      out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
      long seen = -1;
      while (!poller.closed()) {
        long v = poller.awaitNewer(seen, KEEPALIVE_MILLIS);
        if (poller.closed()) {
          break;
        }
        if (v > seen) {
          seen = v;
          String msg = "id: " + v + "\nevent: state\ndata: " + poller.stateJson() + "\n\n";
          out.write(msg.getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("dashboard stream closed: {}", e.toString());
    } finally {
      streams.decrementAndGet();
    }
  }

  private void cancel(HttpExchange ex, long jobId) throws IOException {
    Headers rq = ex.getRequestHeaders();
    String origin = rq.getFirst("Origin");
    String host = rq.getFirst("Host");
    if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
      text(ex, 403, "cross-origin request refused\n");
      return;
    }
    String site = rq.getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      text(ex, 403, "cross-site request refused\n");
      return;
    }
    if (!actionsEnabled) {
      text(ex, 403, "read-only: this monitor was started without actions\n");
      return;
    }
    String given = rq.getFirst("X-Sluice-Token");
    if (given == null) {
      String auth = rq.getFirst("Authorization");
      if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        given = auth.substring(7).trim();
      }
    }
    if (given == null || !MessageDigest.isEqual(sha256(given), tokenDigest)) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sluice-monitor\"");
      text(ex, 401, given == null ? "token required\n" : "wrong token\n");
      return;
    }
    for (Job j : engine.jobs()) {
      if (j.id() == jobId) {
        j.cancel();
        send(ex, 202, "application/json; charset=utf-8",
            ("{\"job\":" + jobId + ",\"status\":\"" + j.status() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    text(ex, 404, "no job " + jobId + "\n");
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MonitorServer.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IOException("missing dashboard resource " + name);
      }
      return in.readAllBytes();
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops accepting, ends open streams and waits for the server's threads. */
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
