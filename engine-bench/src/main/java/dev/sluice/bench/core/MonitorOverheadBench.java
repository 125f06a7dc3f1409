package dev.sluice.bench.core;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.monitor.Monitor;
import dev.sluice.monitor.MonitorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What watching costs a pipeline: source → map → filter → rebalance (a queue) → map → sink on
 * two workers, with {@code dashboard} = {@code none} (no monitor), {@code idle} (monitor started,
 * nobody watching) or {@code open} (a dashboard's SSE stream connected and read, and {@code
 * /metrics} scraped once a second, as Prometheus would). Score: events/s. The target is
 * {@code open} ≥ 0.97 × {@code none}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MonitorOverheadBench {
  static final int N = 1 << 18;

  /** none, idle or open. */
  @Param({"none", "idle", "open"})
  public String dashboard;

  /** Events per job (the JMH benchmark uses {@link #N}). */
  int events = N;

  Engine engine;
  Monitor monitor;
  Pipeline pipeline;
  Thread stream;
  Thread scraper;
  volatile boolean stop;
  final AtomicLong streamedBytes = new AtomicLong();
  final AtomicLong scrapes = new AtomicLong();

  @Setup(Level.Trial)
  public void setup() {
    Bid[] bids = Bid.generate(events, 2);
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
    pipeline = Pipeline.create();
    pipeline
        .source(new ArraySource<>("bids", bids, false))
        .map(b -> b.price)
        .named("price")
        .filter(p -> p % 3 != 0)
        .named("not-thirds")
        .rebalance()
        .map(p -> p * 2)
        .named("doubled")
        .sink(Sinks.discard("out"));
    if (!dashboard.equals("none")) {
      monitor = Monitor.start(engine, MonitorConfig.defaults());
    }
    if (dashboard.equals("open")) {
      stream = daemon("dashboard-stream", () -> read("/api/events", true));
      scraper = daemon("metrics-scraper", () -> {
        while (!stop) {
          read("/metrics", false);
          scrapes.incrementAndGet();
          sleep(1_000);
        }
      });
    }
  }

  private Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** GETs {@code path} over a plain socket and reads the response to the end (or until stop). */
  private void read(String path, boolean keepReading) {
    try (Socket s = new Socket(monitor.address().getAddress(), monitor.address().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + monitor.address().getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[16384];
      for (int n = in.read(buf); n >= 0 && !(keepReading && stop); n = in.read(buf)) {
        streamedBytes.addAndGet(n);
      }
    } catch (IOException e) {
      if (!stop) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    quietTearDown();
    if (dashboard.equals("open")) {
      System.out.println(
          "\n[dashboard open: " + scrapes.get() + " scrapes, " + streamedBytes.get()
              + " bytes streamed and scraped]");
    }
  }

  /** Stops the clients, the monitor and the engine. */
  void quietTearDown() throws InterruptedException {
    stop = true;
    if (monitor != null) {
      monitor.close();
    }
    engine.close();
    if (scraper != null) {
      scraper.interrupt();
      scraper.join(5_000);
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void pipeline() throws Exception {
    engine.submit(pipeline).join(Duration.ofMinutes(1));
  }
}
