package dev.sluice.core.metrics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodically takes a snapshot, writes a compact summary (one line per stage and per edge) to
 * SLF4J and/or a console stream, and feeds an optional {@link AlertMonitor}.
 *
 * <p><b>Threading:</b> runs on one daemon thread of its own, ended by {@link #close()}; no thread
 * survives it. A failure while reporting is logged and reporting goes on.
 */
public final class MetricsReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsReporter.class);

  private final ScheduledExecutorService timer;
  private final Supplier<EngineSnapshot> snapshots;
  private final PrintStream console;
  private final boolean toLog;
  private final AlertMonitor alerts;
  private volatile Thread thread;

  /**
   * Starts reporting every {@code period}.
   *
   * @param console where to print, or null
   * @param toLog whether to log each report at INFO
   * @param alerts evaluated on each snapshot, or null
   */
  public MetricsReporter(
      Supplier<EngineSnapshot> snapshots,
      Duration period,
      PrintStream console,
      boolean toLog,
      AlertMonitor alerts) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.console = console;
    this.toLog = toLog;
    this.alerts = alerts;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sluice-metrics-reporter");
              t.setDaemon(true);
              thread = t;
              return t;
            });
    long ms = Math.max(1, period.toMillis());
    timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Takes one snapshot and reports it now, on the calling thread. */
  public void report() {
    try {
      EngineSnapshot s = snapshots.get();
      String text = format(s);
      if (console != null) {
        console.print(text);
        console.flush();
      }
      if (toLog) {
        LOG.info("\n{}", text);
      }
      if (alerts != null) {
        alerts.evaluate(s);
      }
    } catch (RuntimeException e) {
      LOG.warn("metrics report failed", e);
    }
  }

  /** The text summary of {@code s}. */
  public static String format(EngineSnapshot s) {
    StringBuilder sb = new StringBuilder();
    for (JobSnapshot j : s.jobs()) {
      sb.append(String.format(Locale.ROOT, "job %s [%s]%n", j.name(), j.status()));
      for (StageSnapshot st : j.stages()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-24s in=%d out=%d drop=%d dlq=%d err=%d  %.0f ev/s  p99=%.3f ms  lag=%s%n",
                st.name(), st.in(), st.out(), st.dropped(), st.deadLettered(), st.errors(),
                st.eventsPerSecond(), st.processingLatency().p99Nanos() / 1e6,
                st.eventTimeLagMillis() < 0 ? "-" : st.eventTimeLagMillis() + " ms"));
      }
      for (EdgeSnapshot e : j.edges()) {
        sb.append(
            String.format(
                Locale.ROOT, "  edge %s -> %s  queued=%d/%d (%.0f%%)%n",
                e.from(), e.to(), e.queuedEvents(), e.capacityEvents(), e.utilisation() * 100));
      }
    }
    return sb.toString();
  }

  /** Stops reporting and waits for the reporter thread to end. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
      Thread t = thread;
      if (t != null) {
        t.join(10_000); // the executor may report termination while its thread is still exiting
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
