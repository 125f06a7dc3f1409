package dev.sluice.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in scenarios. */
public final class Presets {
  private Presets() {}

  private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

  static {
    add(new Scenario("warmup", "gentle start: 100 events/s for 5 s", 100, 10,
        Duration.ofSeconds(5), "synthetic", 128, 0, Scenario.LatencySpike.NONE, null,
        Scenario.Arrival.CONSTANT, List.of(),
        new Scenario.SuccessCriteria(95, 0, 0, 0.99, 0)));
    add(new Scenario("steady", "10 s steady at 1,000 events/s with Poisson arrivals", 1_000, 100,
        Duration.ofSeconds(10), "synthetic", 256, 0, Scenario.LatencySpike.NONE, null,
        Scenario.Arrival.POISSON, List.of(),
        new Scenario.SuccessCriteria(950, 0, 250, 0.99, 0)));
    add(new Scenario("stress", "10k events/s for 30 s, 0.1% errors behind a circuit breaker",
        10_000, 100, Duration.ofSeconds(30), "synthetic", 256, 0.001,
        new Scenario.LatencySpike(0.0005, 20), new Scenario.CircuitBreaker(50, 5_000),
        Scenario.Arrival.CONSTANT,
        List.of(
            new Scenario.Phase(Scenario.Phase.Kind.WARMUP, Duration.ofSeconds(3), 1_000, 1_000,
                false),
            new Scenario.Phase(Scenario.Phase.Kind.STEADY, Duration.ofSeconds(27), 10_000, 10_000,
                true)),
        new Scenario.SuccessCriteria(9_500, 0, 500, 0.99, 0)));
    add(new Scenario("spike", "1,000 events/s with a 10x spike in the middle", 1_000, 100,
        Duration.ofSeconds(20), "synthetic", 256, 0.001, Scenario.LatencySpike.NONE,
        new Scenario.CircuitBreaker(20, 2_000), Scenario.Arrival.CONSTANT,
        List.of(
            new Scenario.Phase(Scenario.Phase.Kind.STEADY, Duration.ofSeconds(8), 1_000, 1_000,
                true),
            new Scenario.Phase(Scenario.Phase.Kind.RAMP, Duration.ofSeconds(1), 1_000, 10_000,
                true),
            new Scenario.Phase(Scenario.Phase.Kind.STEADY, Duration.ofSeconds(3), 10_000, 10_000,
                true),
            new Scenario.Phase(Scenario.Phase.Kind.RAMP, Duration.ofSeconds(1), 10_000, 1_000,
                true),
            new Scenario.Phase(Scenario.Phase.Kind.STEADY, Duration.ofSeconds(7), 1_000, 1_000,
                true)),
        new Scenario.SuccessCriteria(0, 0, 1_000, 0.99, 0)));
    add(new Scenario("soak", "an hour at 2,000 events/s: leaks and drift", 2_000, 100,
        Duration.ofHours(1), "synthetic", 256, 0.0001, new Scenario.LatencySpike(0.0001, 50),
        new Scenario.CircuitBreaker(50, 5_000), Scenario.Arrival.POISSON, List.of(),
        new Scenario.SuccessCriteria(1_900, 0, 250, 0.999, 512L << 20)));
    add(new Scenario("firehose", "as close to 1M events/s as the machine allows, 20 s",
        1_000_000, 4096, Duration.ofSeconds(20), "synthetic", 128, 0, Scenario.LatencySpike.NONE,
        null, Scenario.Arrival.CONSTANT,
        List.of(
            new Scenario.Phase(Scenario.Phase.Kind.WARMUP, Duration.ofSeconds(5), 200_000,
                200_000, false),
            new Scenario.Phase(Scenario.Phase.Kind.STEADY, Duration.ofSeconds(15), 1_000_000,
                1_000_000, true)),
        new Scenario.SuccessCriteria(0, 0, 0, 0.99, 0)));
  }

  private static void add(Scenario s) {
    ALL.put(s.name(), s);
  }

  /** Every preset, by name, in a stable order. */
  public static Map<String, Scenario> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }

  /** The preset named {@code name}. */
  public static Optional<Scenario> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }
}
