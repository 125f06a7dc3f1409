package dev.sluice.monitor;

import dev.sluice.core.Engine;
import dev.sluice.core.metrics.AlertMonitor;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.monitor.internal.MonitorServer;
import dev.sluice.monitor.internal.StatePoller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A running monitor of one engine: a live dashboard ({@code /}), a Prometheus / OpenMetrics
 * endpoint ({@code /metrics}), the dashboard's state as JSON ({@code /api/state}) and as
 * server-sent events ({@code /api/events}, about once a second), and — only when enabled — the
 * action {@code POST /api/jobs/{id}/cancel}, which needs the token.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create();
 *     Monitor monitor = Monitor.start(engine)) {
 *   System.out.println("dashboard: " + monitor.uri());
 *   engine.submit(pipeline).join(Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>The monitor takes the engine's snapshots itself, once per {@link MonitorConfig#interval()}:
 * an engine snapshot reports latencies and rates since the previous one, so do not also run a
 * {@link dev.sluice.core.metrics.MetricsReporter} on the same engine (each would see only part of
 * the latencies). {@code /metrics} serves the latest of these snapshots (at most one interval
 * old), so scraping does not disturb the dashboard.
 *
 * <p><b>Threading:</b> thread-safe. The monitor runs one daemon thread taking snapshots and the
 * HTTP server's daemon threads (one per open dashboard stream); {@link #close()} stops them all.
 * Closing the engine does not close the monitor.
 */
public final class Monitor implements AutoCloseable {
  private final StatePoller poller;
  private final MonitorServer server;
  private final String token;
  private final URI uri;

  private Monitor(StatePoller poller, MonitorServer server, String token) {
    this.poller = poller;
    this.server = server;
    this.token = token;
    InetSocketAddress a = server.address();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.uri = URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Starts a monitor with {@link MonitorConfig#defaults()} (127.0.0.1, a free port, read-only). */
  public static Monitor start(Engine engine) {
    return start(engine, MonitorConfig.defaults());
  }

  /**
   * Takes a first snapshot and starts serving. When actions are enabled without a token, a random
   * one is generated and printed once to {@link MonitorConfig#tokenOut()}.
   *
   * @throws UncheckedIOException if the address cannot be bound (for example the port is taken)
   */
  public static Monitor start(Engine engine, MonitorConfig config) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(config, "config");
    String token = config.token();
    if (config.actionsEnabled() && token == null) {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
    AlertMonitor alerts = config.alerts() != null ? config.alerts() : MonitorConfig.defaultAlerts();
    StatePoller poller =
        new StatePoller(
            engine, alerts, config.interval().toMillis(), config.debugEvents(),
            config.actionsEnabled());
    MonitorServer server;
    try {
      server =
          new MonitorServer(
              engine, poller, config.host(), config.port(), config.actionsEnabled(), token,
              config.maxStreams());
    } catch (IOException e) {
      poller.close();
      throw new UncheckedIOException(
          "cannot start the monitor on " + config.host() + ":" + config.port() + ": " + e, e);
    }
    Monitor m = new Monitor(poller, server, config.actionsEnabled() ? token : null);
    if (config.actionsEnabled() && config.token() == null && config.tokenOut() != null) {
      config.tokenOut().println("sluice monitor: action token (shown once): " + token);
      config.tokenOut().flush();
    }
    return m;
  }

  /** The address the server is bound to (with the actual port). */
  public InetSocketAddress address() {
    return server.address();
  }

  /** The dashboard's address, for example {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    return uri;
  }

  /** The action token, or null when the monitor is read-only. */
  public String token() {
    return token;
  }

  /** The latest snapshot the monitor took (what the dashboard and {@code /metrics} show). */
  public EngineSnapshot latestSnapshot() {
    return poller.snapshot();
  }

  /** Stops serving: open streams end, the threads stop. Idempotent. */
  @Override
  public void close() {
    poller.close();
    server.close();
  }
}
