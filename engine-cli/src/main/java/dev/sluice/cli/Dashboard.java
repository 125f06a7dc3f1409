package dev.sluice.cli;

import dev.sluice.core.Engine;
import dev.sluice.monitor.Monitor;
import dev.sluice.monitor.MonitorConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --dashboard [PORT]} and {@code --dashboard-actions} options of the commands that run
 * jobs (a picocli mixin): starts the monitor on 127.0.0.1 and prints its address.
 */
final class Dashboard {

  @Option(names = "--dashboard", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
      description = {"Serve the live dashboard and /metrics on 127.0.0.1 while the job runs",
          "(PORT, or a free port if omitted) and print its address. Read-only unless",
          "--dashboard-actions is given."})
  Integer port;

  @Option(names = "--dashboard-actions",
      description = "Let the dashboard cancel the job, with a token printed once at start.")
  boolean actions;

  /** Starts the monitor if {@code --dashboard} was given, else returns null. */
  Monitor startIfAsked(Engine engine, PrintWriter out) {
    return port == null ? null : start(engine, port, actions, out);
  }

  /**
   * Starts a monitor of {@code engine} on 127.0.0.1:{@code port} (0: a free port), read-only
   * unless {@code actions} (then with a generated token printed once to {@code out}), and prints
   * the dashboard's and the metrics' addresses to {@code out}.
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  static Monitor start(Engine engine, int port, boolean actions, PrintWriter out) {
    MonitorConfig config = MonitorConfig.defaults().withPort(port).withTokenOut(null);
    Monitor monitor = Monitor.start(engine, actions ? config.withActions() : config);
    out.println("sluice: dashboard at " + monitor.uri() + " (metrics at " + monitor.uri()
        + "metrics)");
    if (monitor.token() != null) {
      out.println("sluice: dashboard action token (shown once): " + monitor.token());
    }
    out.flush();
    return monitor;
  }
}
