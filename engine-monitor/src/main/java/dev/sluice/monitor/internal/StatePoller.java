package dev.sluice.monitor.internal;

import dev.sluice.core.Engine;
import dev.sluice.core.metrics.AlertEvent;
import dev.sluice.core.metrics.AlertMonitor;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.monitor.OpenMetricsExport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's one snapshot taker: every interval it takes an engine snapshot (engine snapshots
 * report latencies and rates since the previous one, so there must be one taker), evaluates the
 * alerts, follows circuit transitions in the debug log, renders the dashboard state as JSON and
 * wakes the streams. Runs on its own daemon thread.
 */
public final class StatePoller implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StatePoller.class);
  private static final int RECENT_ALERTS = 50;

  private final Engine engine;
  private final AlertMonitor alerts;
  private final OpenMetricsExport export = new OpenMetricsExport();
  private final long intervalMillis;
  private final int debugEvents;
  private final boolean actionsEnabled;
  private final Map<String, AlertEvent> activeAlerts = new LinkedHashMap<>();
  private final ArrayDeque<AlertEvent> recentAlerts = new ArrayDeque<>();
  private final Map<String, String[]> breakers = new LinkedHashMap<>();
  private final List<AlertEvent> pending = new ArrayList<>();
  private final Thread thread;

  private volatile boolean closed;
  /** Guarded by this. */
  private EngineSnapshot snapshot;
  /** Guarded by this. */
  private String stateJson;
  /** Guarded by this. */
  private long version;

  public StatePoller(
      Engine engine, AlertMonitor alerts, long intervalMillis, int debugEvents,
      boolean actionsEnabled) {
    this.engine = engine;
    this.alerts = alerts;
    this.intervalMillis = intervalMillis;
    this.debugEvents = debugEvents;
    this.actionsEnabled = actionsEnabled;
    alerts.onAlert(this::onAlert);
    poll();
    this.thread = new Thread(this, "sluice-monitor-poller");
    thread.setDaemon(true);
    thread.start();
  }

  private void onAlert(AlertEvent a) {
    synchronized (pending) {
      pending.add(a);
    }
  }

  @Override
  public void run() {
    long next = System.nanoTime() + intervalMillis * 1_000_000L;
    while (!closed) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        } catch (InterruptedException e) {
          if (closed) {
            return;
          }
        }
        continue;
      }
      next += intervalMillis * 1_000_000L;
      if (next < System.nanoTime()) {
        next = System.nanoTime() + intervalMillis * 1_000_000L; // fell behind: do not catch up
      }
      try {
        poll();
      } catch (RuntimeException e) {
        LOG.warn("monitor snapshot failed", e);
      }
    }
  }

  /** Takes one snapshot and publishes it. */
  void poll() {
    EngineSnapshot s = engine.snapshot();
    export.accumulate(s);
    alerts.evaluate(s);
    List<AlertEvent> fresh;
    synchronized (pending) {
      fresh = new ArrayList<>(pending);
      pending.clear();
    }
    List<DebugEvent> log = engine.debugLog().events();
    long overwritten = engine.debugLog().overwritten();
    String json;
    synchronized (this) {
      for (AlertEvent a : fresh) {
        String key = a.rule() + '\u0000' + a.job() + '\u0000' + a.subject();
        if (a.state() == AlertEvent.State.RAISED) {
          activeAlerts.put(key, a);
        } else {
          activeAlerts.remove(key);
        }
        recentAlerts.addLast(a);
        while (recentAlerts.size() > RECENT_ALERTS) {
          recentAlerts.removeFirst();
        }
        engine.debugLog().record(
            DebugEvent.Kind.ALERT, a.job() + "/" + a.subject(),
            a.rule() + " " + a.state() + " at " + a.value());
      }
      for (DebugEvent e : log) {
        if (e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION) {
          int arrow = e.message().lastIndexOf("-> ");
          String to = arrow < 0 ? e.message() : e.message().substring(arrow + 3).trim();
          breakers.put(e.subject(), new String[] {to, Long.toString(e.timeMillis())});
        }
      }
      List<DebugEvent> tail = log.subList(Math.max(0, log.size() - debugEvents), log.size());
      json = StateJson.render(
          s, engine, intervalMillis, actionsEnabled, breakers, activeAlerts.values(),
          recentAlerts, tail, overwritten);
      snapshot = s;
      stateJson = json;
      version++;
      notifyAll();
    }
  }

  /** The latest snapshot. */
  public synchronized EngineSnapshot snapshot() {
    return snapshot;
  }

  /** The latest state JSON. */
  public synchronized String stateJson() {
    return stateJson;
  }

  /** The latest state's version (increments with each snapshot). */
  public synchronized long version() {
    return version;
  }

  /** Circuit breaker states seen in the debug log, by breaker. */
  public synchronized Map<String, String> breakerStates() {
    Map<String, String> out = new LinkedHashMap<>();
    breakers.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** The export, whose cumulative latency totals follow this poller's snapshots. */
  public OpenMetricsExport export() {
    return export;
  }

  /**
   * Waits until the version exceeds {@code seen}, the poller closes or {@code timeoutMillis}
   * passes; returns the current version.
   */
  public synchronized long awaitNewer(long seen, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (version <= seen && !closed) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return version;
  }

  public boolean closed() {
    return closed;
  }

  /** Stops the thread and wakes every waiting stream. */
  public void close() {
    closed = true;
    thread.interrupt();
    synchronized (this) {
      notifyAll();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
