package dev.sluice.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in scenarios. Each preset is defined from its rate and its duration, so {@link
 * #find(String, Double, Duration)} rescales the phases, the rate criterion and the description
 * together: {@code stress} at 50,000 events/s asks for 95% of 50,000, not of 10,000. Latency,
 * success-rate and heap criteria are absolute and stay as they are. Every preset has a rate
 * criterion (95% of its planned mean rate), so a run that cannot keep its schedule fails. A
 * warm-up is part of the duration and not measured. Thread-safe.
 */
public final class Presets {
  private Presets() {}

  /** The share of the planned rate a preset must achieve to pass. */
  public static final double RATE_CRITERION_SHARE = 0.95;

  /** Builds a preset from its rate and duration. */
  private interface Definition {
    Scenario build(double eps, Duration duration);
  }

  private record Entry(double eps, Duration duration, Definition definition) {}

  private static final Map<String, Entry> ALL = new LinkedHashMap<>();

  static {
    ALL.put("warmup", new Entry(100, Duration.ofSeconds(5), (eps, d) ->
        new Scenario("warmup", String.format(Locale.ROOT, "gentle start: %s events/s for %s",
            rate(eps), seconds(d)), eps, 10, d, "synthetic", 128, 0, Scenario.LatencySpike.NONE,
            null, Scenario.Arrival.CONSTANT, List.of(),
            new Scenario.SuccessCriteria(share(eps), 0, 0, 0.99, 0))));
    ALL.put("steady", new Entry(1_000, Duration.ofSeconds(10), (eps, d) ->
        new Scenario("steady", String.format(Locale.ROOT,
            "%s steady at %s events/s with Poisson arrivals", seconds(d), rate(eps)), eps, 100, d,
            "synthetic", 256, 0, Scenario.LatencySpike.NONE, null, Scenario.Arrival.POISSON,
            List.of(), new Scenario.SuccessCriteria(share(eps), 0, 250, 0.99, 0))));
    ALL.put("stress", new Entry(10_000, Duration.ofSeconds(30), (eps, d) -> {
      Duration warm = d.dividedBy(10);
      return new Scenario("stress", String.format(Locale.ROOT,
          "%s events/s for %s (the first %s a warm-up at %s events/s), 0.1%% errors behind a"
              + " circuit breaker", rate(eps), seconds(d), seconds(warm), rate(eps / 10)),
          eps, 100, d, "synthetic", 256, 0.001, new Scenario.LatencySpike(0.0005, 20),
          new Scenario.CircuitBreaker(50, 5_000), Scenario.Arrival.CONSTANT,
          List.of(
              new Scenario.Phase(Scenario.Phase.Kind.WARMUP, warm, eps / 10, eps / 10, false),
              new Scenario.Phase(Scenario.Phase.Kind.STEADY, d.minus(warm), eps, eps, true)),
          new Scenario.SuccessCriteria(share(eps), 0, 500, 0.99, 0));
    }));
    ALL.put("spike", new Entry(1_000, Duration.ofSeconds(20), (eps, d) -> {
      // 8 : 1 : 3 : 1 : 7 of the duration
      Duration unit = d.dividedBy(20);
      Duration last = d.minus(unit.multipliedBy(13));
      List<Scenario.Phase> phases = List.of(
          new Scenario.Phase(Scenario.Phase.Kind.STEADY, unit.multipliedBy(8), eps, eps, true),
          new Scenario.Phase(Scenario.Phase.Kind.RAMP, unit, eps, eps * 10, true),
          new Scenario.Phase(Scenario.Phase.Kind.STEADY, unit.multipliedBy(3), eps * 10,
              eps * 10, true),
          new Scenario.Phase(Scenario.Phase.Kind.RAMP, unit, eps * 10, eps, true),
          new Scenario.Phase(Scenario.Phase.Kind.STEADY, last, eps, eps, true));
      Scenario draft = new Scenario("spike", "", eps, 100, d, "synthetic", 256, 0.001,
          Scenario.LatencySpike.NONE, new Scenario.CircuitBreaker(20, 2_000),
          Scenario.Arrival.CONSTANT, phases, Scenario.SuccessCriteria.NONE);
      double mean = draft.plannedEventsBy(d.toNanos() / 1e9) / (d.toNanos() / 1e9);
      return new Scenario("spike", String.format(Locale.ROOT,
          "%s events/s with a 10x spike (%s events/s for %s) in the middle, %s in all", rate(eps),
          rate(eps * 10), seconds(unit.multipliedBy(3)), seconds(d)), eps, 100, d, "synthetic",
          256, 0.001, Scenario.LatencySpike.NONE, new Scenario.CircuitBreaker(20, 2_000),
          Scenario.Arrival.CONSTANT, phases,
          new Scenario.SuccessCriteria(share(mean), 0, 1_000, 0.99, 0));
    }));
    ALL.put("soak", new Entry(2_000, Duration.ofHours(1), (eps, d) ->
        new Scenario("soak", String.format(Locale.ROOT, "%s at %s events/s: leaks and drift",
            seconds(d), rate(eps)), eps, 100, d, "synthetic", 256, 0.0001,
            new Scenario.LatencySpike(0.0001, 50), new Scenario.CircuitBreaker(50, 5_000),
            Scenario.Arrival.POISSON, List.of(),
            new Scenario.SuccessCriteria(share(eps), 0, 250, 0.999, 512L << 20))));
    ALL.put("firehose", new Entry(1_000_000, Duration.ofSeconds(20), (eps, d) -> {
      Duration warm = d.dividedBy(4);
      return new Scenario("firehose", String.format(Locale.ROOT,
          "%s events/s for %s (the first %s a warm-up at %s events/s): how close the machine"
              + " gets", rate(eps), seconds(d), seconds(warm), rate(eps / 5)),
          eps, 4096, d, "synthetic", 128, 0, Scenario.LatencySpike.NONE, null,
          Scenario.Arrival.CONSTANT,
          List.of(
              new Scenario.Phase(Scenario.Phase.Kind.WARMUP, warm, eps / 5, eps / 5, false),
              new Scenario.Phase(Scenario.Phase.Kind.STEADY, d.minus(warm), eps, eps, true)),
          new Scenario.SuccessCriteria(share(eps), 0, 1_000, 0.99, 0));
    }));
  }

  private static double share(double eps) {
    return RATE_CRITERION_SHARE * eps;
  }

  private static String rate(double eps) {
    return eps == Math.rint(eps)
        ? String.format(Locale.ROOT, "%,.0f", eps)
        : String.format(Locale.ROOT, "%,.2f", eps);
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return (ms / 3_600_000) + (ms == 3_600_000 ? " hour" : " hours");
    }
    if (ms % 1000 == 0) {
      return (ms / 1000) + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** Every preset at its own rate and duration, by name, in a stable order. */
  public static Map<String, Scenario> all() {
    Map<String, Scenario> m = new LinkedHashMap<>();
    for (Map.Entry<String, Entry> e : ALL.entrySet()) {
      m.put(e.getKey(), e.getValue().definition().build(e.getValue().eps(),
          e.getValue().duration()));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The preset named {@code name}, at its own rate and duration. */
  public static Optional<Scenario> find(String name) {
    return find(name, null, null);
  }

  /**
   * The preset named {@code name} at another rate and/or duration (null keeps the preset's own):
   * phases, the rate criterion and the description follow.
   */
  public static Optional<Scenario> find(String name, Double eps, Duration duration) {
    Entry e = ALL.get(name);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(e.definition().build(eps == null ? e.eps() : eps,
        duration == null ? e.duration() : duration));
  }
}
