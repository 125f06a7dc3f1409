package dev.sluice.monitor;

import dev.sluice.core.metrics.AlertMonitor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Monitor}. Immutable; start from {@link #defaults()} and change fields with
 * the {@code with*} methods.
 *
 * @param host the address to bind; {@link #DEFAULT_HOST} (loopback only) unless you mean to expose
 *     the engine's metrics to other machines
 * @param port the TCP port; 0 picks a free one ({@link Monitor#address()} tells which)
 * @param interval how often a snapshot is taken and pushed to open dashboards (about once a second)
 * @param actionsEnabled false (the default): read-only, every action is refused with 403; true:
 *     actions (cancelling a job) are allowed to requests carrying the token
 * @param token the token actions need; null to generate a random one when actions are enabled
 *     (printed once to {@code tokenOut})
 * @param tokenOut where a generated token is printed, or null to print nothing (then read it
 *     from {@link Monitor#token()})
 * @param alerts rules evaluated on every snapshot the monitor takes (shown on the dashboard and
 *     written to the engine's debug log), or null for {@link #defaultAlerts()}
 * @param maxStreams the most dashboards streaming at once; more get 503
 * @param debugEvents how many of the newest debug-log entries the dashboard shows
 */
public record MonitorConfig(
    String host,
    int port,
    Duration interval,
    boolean actionsEnabled,
    String token,
    PrintStream tokenOut,
    AlertMonitor alerts,
    int maxStreams,
    int debugEvents) {

  /** The default bind address: the IPv4 loopback, reachable only from this machine. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default snapshot and push interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException for a port outside 0..65535, an interval under 10 ms, a
   *     token shorter than 16 characters, or non-positive limits
   */
  public MonitorConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(interval, "interval");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (interval.toMillis() < 10) {
      throw new IllegalArgumentException("interval must be >= 10 ms, was " + interval);
    }
    if (token != null && token.length() < 16) {
      throw new IllegalArgumentException("token must have at least 16 characters");
    }
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be >= 1, was " + maxStreams);
    }
    if (debugEvents < 1) {
      throw new IllegalArgumentException("debugEvents must be >= 1, was " + debugEvents);
    }
  }

  /** 127.0.0.1, a free port, one second, read-only, default alerts, 16 streams, 100 debug events. */
  public static MonitorConfig defaults() {
    return new MonitorConfig(
        DEFAULT_HOST, 0, DEFAULT_INTERVAL, false, null, System.err, null, 16, 100);
  }

  /**
   * Alert rules used when none are given: an edge at least 90% full (cleared at 50%), and a
   * stage whose error rate reaches 1% (cleared at 0.5%).
   */
  public static AlertMonitor defaultAlerts() {
    return new AlertMonitor()
        .bufferUtilisation("queue-full", 0.9, 0.5)
        .add(dev.sluice.core.metrics.AlertRule.errorRate("error-rate", 0.01, 0.005));
  }

  /** With {@code host} as bind address. */
  public MonitorConfig withHost(String host) {
    return new MonitorConfig(
        host, port, interval, actionsEnabled, token, tokenOut, alerts, maxStreams, debugEvents);
  }

  /** With {@code port} (0: any free port). */
  public MonitorConfig withPort(int port) {
    return new MonitorConfig(
        host, port, interval, actionsEnabled, token, tokenOut, alerts, maxStreams, debugEvents);
  }

  /** With {@code interval} between snapshots. */
  public MonitorConfig withInterval(Duration interval) {
    return new MonitorConfig(
        host, port, interval, actionsEnabled, token, tokenOut, alerts, maxStreams, debugEvents);
  }

  /** Actions enabled, with a generated token printed once to {@link #tokenOut()}. */
  public MonitorConfig withActions() {
    return new MonitorConfig(
        host, port, interval, true, token, tokenOut, alerts, maxStreams, debugEvents);
  }

  /** Actions enabled, with {@code token} (at least 16 characters) as the token. */
  public MonitorConfig withActions(String token) {
    return new MonitorConfig(
        host, port, interval, true, Objects.requireNonNull(token, "token"), tokenOut, alerts,
        maxStreams, debugEvents);
  }

  /** Prints a generated token to {@code out} (null: nowhere). */
  public MonitorConfig withTokenOut(PrintStream out) {
    return new MonitorConfig(
        host, port, interval, actionsEnabled, token, out, alerts, maxStreams, debugEvents);
  }

  /** Evaluates {@code alerts} on every snapshot. */
  public MonitorConfig withAlerts(AlertMonitor alerts) {
    return new MonitorConfig(
        host, port, interval, actionsEnabled, token, tokenOut, alerts, maxStreams, debugEvents);
  }

  /** Allows at most {@code maxStreams} dashboards to stream at once. */
  public MonitorConfig withMaxStreams(int maxStreams) {
    return new MonitorConfig(
        host, port, interval, actionsEnabled, token, tokenOut, alerts, maxStreams, debugEvents);
  }
}
