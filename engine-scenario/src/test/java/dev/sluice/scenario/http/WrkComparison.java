package dev.sluice.scenario.http;

import dev.sluice.core.Engine;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.scenario.journey.LoadPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs the HTTP target and {@code wrk} against the same local server, one after the other, and
 * prints both reports with the machine's load: the comparison documented in
 * docs/scenarios-http.md. A runnable example of the HTTP target as well.
 *
 * <p>Arguments: {@code rates} (comma-separated requests/s for the HTTP target), {@code
 * connections} (wrk's connections and the target's in-flight cap), {@code seconds} per run,
 * {@code serverDelayMillis} (the server's think time per request), {@code wrkThreads}, {@code
 * warmupSeconds} of the HTTP target's plan (default 2).
 */
public final class WrkComparison {
  private WrkComparison() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    String[] rates = (args.length > 0 ? args[0] : "500,2000").split(",");
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long delayMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
    int wrkThreads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    int warmupSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 2;

    try (LocalHttpServer server = new LocalHttpServer(Math.max(4, connections));
        Engine engine = Engine.create()) {
      server.recording(false)
          .behaviour(r -> new LocalHttpServer.Reply(200, "ok", delayMillis));
      String url = server.base() + "/ingest";
      System.out.printf(Locale.ROOT, "server %s, %d handler threads, delay %d ms%n", url,
          Math.max(4, connections), delayMillis);
      HttpTarget target = new HttpTarget(HttpTargetSpec.builder(url + "?seq={{$seq}}")
          .maxInFlight(connections).timeout(Duration.ofSeconds(10)).build());
      // warm the JIT and the connection pool before anything is measured
      target.run(engine, LoadPlan.builder(RateProfile.constant(500), Duration.ofSeconds(3)).build());

      for (String rate : rates) {
        System.out.println("\n== sluice HTTP target, open model, constant " + rate + " req/s, "
            + "maxInFlight " + connections + ", " + seconds + " s (after a " + warmupSeconds
            + " s warm-up)");
        System.out.println(uptime());
        LoadPlan plan = LoadPlan.builder(RateProfile.constant(Double.parseDouble(rate)),
            Duration.ofSeconds(seconds)).warmup(Duration.ofSeconds(warmupSeconds)).build();
        long cpu0 = processCpuNanos();
        HttpTargetResult r = target.run(engine, plan);
        long cpu = processCpuNanos() - cpu0;
        System.out.println(r.describe());
        System.out.printf(Locale.ROOT, "JVM CPU (client and server) %.0f ms, %.3f ms per request%n",
            cpu / 1e6, cpu / 1e6 / Math.max(1, r.sent() + r.warmupRequests()));
      }

      List<String> wrk = List.of("wrk", "-t" + wrkThreads, "-c" + connections,
          "-d" + seconds + "s", "--latency", url);
      System.out.println("\n== " + String.join(" ", wrk) + "   (closed model)");
      System.out.println(uptime());
      long cpu0 = processCpuNanos();
      String out = run(wrk);
      long cpu = processCpuNanos() - cpu0;
      System.out.println(out);
      System.out.printf(Locale.ROOT, "JVM CPU (server only; wrk is another process) %.0f ms%n",
          cpu / 1e6);
    }
  }

  /** User + system CPU time of this process from /proc/self/stat (Linux; clock ticks of 10 ms). */
  private static long processCpuNanos() throws IOException {
    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 14 and 15 of the line; f[0] is field 3
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
  }

  private static String uptime() throws IOException, InterruptedException {
    return "uptime: " + run(List.of("uptime")).trim();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
