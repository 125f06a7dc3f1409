package dev.sluice.cli;

import dev.sluice.core.Engine;
import dev.sluice.monitor.Monitor;
import dev.sluice.monitor.MonitorConfig;
import java.io.PrintWriter;

/**
 * The {@code --dashboard [PORT]} option of the commands that run jobs: starts the monitor on
 * 127.0.0.1 and prints its address. One call, so any command can offer it.
 */
final class Dashboard {
  private Dashboard() {}

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
