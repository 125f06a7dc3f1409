package dev.sluice.bench.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's cost measured in alternation, for a shared machine whose load drifts over
 * minutes (which JMH's one-parameter-after-the-other order turns into a bias): each round runs
 * the {@link MonitorOverheadBench} pipeline once with no monitor and once with the dashboard open
 * (SSE stream read, {@code /metrics} scraped every second), in alternating order, and prints
 * both rates and their ratio; at the end, the medians. It also accounts CPU time: what the
 * monitor's threads and the two clients used during the open runs, as a share of the whole
 * process's CPU time in those runs — a figure the machine's load does not distort.
 *
 * <p>{@code java -cp engine-bench/target/benchmarks.jar dev.sluice.bench.core.MonitorOverheadRun
 * [rounds=12] [events=2097152] [warmupRounds=2]}
 *
 * <p>{@code ... MonitorOverheadRun cpu [seconds=80]}: the monitor's own CPU time per second of
 * wall-clock time, with a job running at 20,000 events/s, one dashboard stream open and {@code
 * /metrics} scraped every second, printed per 10 s once the code is warm.
 */
public final class MonitorOverheadRun {
  private MonitorOverheadRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("cpu")) {
      steadyCpu(args.length > 1 ? Integer.parseInt(args[1]) : 80);
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 21;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<Double> none = new ArrayList<>();
    List<Double> open = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    cpuShares.clear();
    for (int r = -warmup; r < rounds; r++) {
      boolean openFirst = (r & 1) == 1;
      double a = run(openFirst ? "open" : "none", events);
      double b = run(openFirst ? "none" : "open", events);
      double rateNone = openFirst ? b : a;
      double rateOpen = openFirst ? a : b;
      System.out.printf(Locale.ROOT, "%s round %d: none %.0f ev/s, open %.0f ev/s, open/none %.3f%n",
          r < 0 ? "warm-up" : "measured", r, rateNone, rateOpen, rateOpen / rateNone);
      if (r >= 0) {
        none.add(rateNone);
        open.add(rateOpen);
        ratios.add(rateOpen / rateNone);
      }
    }
    System.out.printf(Locale.ROOT,
        "median: none %.0f ev/s, open %.0f ev/s, median of round ratios open/none %.3f (%d rounds)%n",
        median(none), median(open), median(ratios), rounds);
    System.out.printf(Locale.ROOT,
        "monitor and client threads' share of the process CPU during open runs: median %.2f%%,"
            + " max %.2f%%%n",
        median(cpuShares) * 100, Collections.max(cpuShares) * 100);
  }

  private static final List<Double> cpuShares = new ArrayList<>();

  private static void steadyCpu(int seconds) throws Exception {
    MonitorOverheadBench b = new MonitorOverheadBench();
    b.dashboard = "open";
    b.events = 1024;
    b.setup();
    try {
      dev.sluice.core.Pipeline slow = dev.sluice.core.Pipeline.create();
      slow.source(dev.sluice.core.Sources.generator("steady", () -> 42L, Long.MAX_VALUE, 20_000))
          .map(x -> x + 1).named("plus-one")
          .filter(x -> x % 3 != 0).named("not-thirds")
          .rebalance()
          .map(x -> x * 2).named("doubled")
          .sink(dev.sluice.core.Sinks.discard("out"));
      b.engine.submit(slow);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      List<Double> perSecond = new ArrayList<>();
      for (int s = 0; s < seconds; s += 10) {
        long c0 = monitorCpuNanos(threads);
        long t0 = System.nanoTime();
        Thread.sleep(10_000);
        double ms = (monitorCpuNanos(threads) - c0) / 1e6 / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%3d s: monitor and clients %.2f ms CPU per second%n",
            s + 10, ms);
        if (s >= 20) {
          perSecond.add(ms);
        }
      }
      System.out.printf(Locale.ROOT,
          "after 20 s of warm-up: median %.2f ms CPU per second (%.2f%% of one core)%n",
          median(perSecond), median(perSecond) / 10);
    } finally {
      b.quietTearDown();
    }
  }

  /** CPU nanoseconds used so far by the monitor's threads and the benchmark's two clients. */
  private static long monitorCpuNanos(ThreadMXBean threads) {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (n.startsWith("sluice-monitor") || n.equals("dashboard-stream")
          || n.equals("metrics-scraper")) {
        long c = threads.getThreadCpuTime(t.getId());
        sum += Math.max(0, c);
      }
    }
    return sum;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double run(String dashboard, int events) throws Exception {
    MonitorOverheadBench b = new MonitorOverheadBench();
    b.dashboard = dashboard;
    b.events = events;
    b.setup();
    try {
      if (dashboard.equals("open")) {
        Thread.sleep(1_100); // the stream is connected and a scrape has happened
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long m0 = monitorCpuNanos(threads);
      long p0 = processCpuNanos();
      long t0 = System.nanoTime();
      b.engine.submit(b.pipeline).join(Duration.ofMinutes(5));
      long elapsed = System.nanoTime() - t0;
      if (dashboard.equals("open")) {
        double share = (double) (monitorCpuNanos(threads) - m0) / (processCpuNanos() - p0);
        cpuShares.add(share);
        System.out.printf(Locale.ROOT, "  open run: monitor and clients %.2f%% of process CPU%n",
            share * 100);
      }
      return events * 1e9 / elapsed;
    } finally {
      b.quietTearDown();
    }
  }

  private static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
