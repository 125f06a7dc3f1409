package dev.sluice.scenario;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import dev.sluice.core.payload.PayloadGenerators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes scenarios as JSON. Every field of the seed scenario format is accepted
 * ({@code name, description, targetEps, burstSize, duration} (ms)
 * {@code , payloadType, payloadSizeBytes, errorRate, latencySpike{probability, durationMs},
 * circuitBreaker{failureThreshold, resetTimeoutMs}}), plus {@code arrival}
 * ({@code "constant"|"poisson"}), {@code phases} ({@code [{"kind": "warmup"|"steady"|"ramp",
 * "durationMs": .., "eps": ..}]}, ramps with {@code fromEps}/{@code toEps}) and {@code
 * successCriteria} ({@code minSustainedEps, maxP95Ms, maxP99Ms, minSuccessRate, maxHeapMb}).
 * Unknown fields, wrong types and out-of-range values are all reported, each with its JSON path.
 *
 * <p>Thread-safe.
 */
public final class ScenarioJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> TOP =
      Set.of("_tag", "name", "description", "targetEps", "burstSize", "duration", "durationMs",
          "payloadType",
          "payloadSizeBytes", "errorRate", "latencySpike", "circuitBreaker", "arrival", "phases",
          "successCriteria");

  private ScenarioJson() {}

  /** The payload types the class path offers (the names a scenario's payloadType may take). */
  public static List<String> knownPayloadTypes() {
    List<String> names = new ArrayList<>();
    for (PayloadGeneratorFactory f : PayloadGenerators.available()) {
      names.add(f.name());
    }
    return names;
  }

  /**
   * Parses a scenario.
   *
   * @throws ScenarioException listing every problem with its location
   */
  public static Scenario parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonParseException e) {
      throw new ScenarioException(List.of(
          "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
              + ": " + e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ScenarioException(List.of("$: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ScenarioException(List.of("$: a scenario must be a JSON object"));
    }
    Reader r = new Reader();
    Scenario s = r.scenario((ObjectNode) root);
    if (!r.problems.isEmpty()) {
      throw new ScenarioException(r.problems);
    }
    return s;
  }

  /** The scenario as JSON, in the same format {@link #parse} reads. */
  public static String write(Scenario s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", s.name());
    o.put("description", s.description());
    o.put("targetEps", s.targetEps());
    o.put("burstSize", s.burstSize());
    o.put("durationMs", s.duration().toMillis());
    o.put("payloadType", s.payloadType());
    o.put("payloadSizeBytes", s.payloadSizeBytes());
    o.put("errorRate", s.errorRate());
    o.putObject("latencySpike")
        .put("probability", s.latencySpike().probability())
        .put("durationMs", s.latencySpike().durationMs());
    if (s.circuitBreaker() != null) {
      o.putObject("circuitBreaker")
          .put("failureThreshold", s.circuitBreaker().failureThreshold())
          .put("resetTimeoutMs", s.circuitBreaker().resetTimeoutMs());
    }
    o.put("arrival", s.arrival().name().toLowerCase(Locale.ROOT));
    ArrayNode phases = o.putArray("phases");
    for (Scenario.Phase p : s.phases()) {
      ObjectNode po = phases.addObject();
      po.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
      po.put("durationMs", p.duration().toMillis());
      if (p.kind() == Scenario.Phase.Kind.RAMP) {
        po.put("fromEps", p.fromEps());
        po.put("toEps", p.toEps());
      } else {
        po.put("eps", p.toEps());
      }
    }
    Scenario.SuccessCriteria c = s.criteria();
    if (!c.equals(Scenario.SuccessCriteria.NONE)) {
      // a criterion that is not checked is left out rather than written as 0
      ObjectNode sc = o.putObject("successCriteria");
      if (c.minSustainedEps() > 0) {
        sc.put("minSustainedEps", c.minSustainedEps());
      }
      if (c.maxP95Ms() > 0) {
        sc.put("maxP95Ms", c.maxP95Ms());
      }
      if (c.maxP99Ms() > 0) {
        sc.put("maxP99Ms", c.maxP99Ms());
      }
      if (c.minSuccessRate() > 0) {
        sc.put("minSuccessRate", c.minSuccessRate());
      }
      if (c.maxHeapBytes() > 0) {
        sc.put("maxHeapMb", c.maxHeapBytes() / (1024 * 1024));
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects problems while reading. */
  private static final class Reader {
    final List<String> problems = new ArrayList<>();

    void unknownFields(ObjectNode o, String path, Set<String> known) {
      Iterator<String> names = o.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (!known.contains(n)) {
          // "_tag" (the seed format's type tag) is accepted but not offered as a field to use
          java.util.TreeSet<String> offered = new java.util.TreeSet<>(known);
          offered.remove("_tag");
          problems.add(path + "." + n + ": unknown field; known fields: " + offered);
        }
      }
    }

    String text(ObjectNode o, String path, String field, String dflt, boolean required) {
      JsonNode n = o.get(field);
      if (n == null || n.isNull()) {
        if (required) {
          problems.add(path + "." + field + ": required");
        }
        return dflt;
      }
      if (!n.isTextual()) {
        problems.add(path + "." + field + ": must be a string, was " + n.getNodeType());
        return dflt;
      }
      return n.asText();
    }

    double number(ObjectNode o, String path, String field, double dflt, double min, double max,
        boolean required) {
      JsonNode n = o.get(field);
      if (n == null || n.isNull()) {
        if (required) {
          problems.add(path + "." + field + ": required");
        }
        return dflt;
      }
      if (!n.isNumber()) {
        problems.add(path + "." + field + ": must be a number, was " + n.getNodeType());
        return dflt;
      }
      double v = n.asDouble();
      if (v < min || v > max) {
        problems.add(path + "." + field + ": must be in [" + fmt(min) + ", " + fmt(max)
            + "], was " + fmt(v));
        return dflt;
      }
      return v;
    }

    static String fmt(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    ObjectNode object(ObjectNode o, String path, String field) {
      JsonNode n = o.get(field);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isObject()) {
        problems.add(path + "." + field + ": must be an object, was " + n.getNodeType());
        return null;
      }
      return (ObjectNode) n;
    }

    Scenario scenario(ObjectNode o) {
      String p = "$";
      unknownFields(o, p, TOP);
      String name = text(o, p, "name", "unnamed", true);
      String description = text(o, p, "description", "", false);
      double eps = number(o, p, "targetEps", 1000, 0.001, Scenario.MAX_EPS, true);
      int burst = (int) number(o, p, "burstSize", 100, 1, 1_000_000, false);
      // "duration" (milliseconds) is the seed format's name; "durationMs" is the same with its unit
      if (o.has("duration") && o.has("durationMs")) {
        problems.add(p + ".durationMs: give \"duration\" or \"durationMs\", not both");
      }
      String durationField = o.has("durationMs") ? "durationMs" : "duration";
      long durationMs =
          (long) number(o, p, durationField, 10_000, 1, 7L * 24 * 3600 * 1000, false);
      String payload = text(o, p, "payloadType", "synthetic", false);
      if ("custom".equals(payload)) {
        payload = "synthetic";
      }
      if (PayloadGenerators.find(payload).isEmpty()) {
        problems.add(p + ".payloadType: unknown payload type \"" + payload + "\"; known: "
            + knownPayloadTypes());
      }
      int size = (int) number(o, p, "payloadSizeBytes", 256, 1, 16 << 20, false);
      double errorRate = number(o, p, "errorRate", 0, 0, 1, false);
      Scenario.LatencySpike spike = Scenario.LatencySpike.NONE;
      ObjectNode ls = object(o, p, "latencySpike");
      if (ls != null) {
        String lp = p + ".latencySpike";
        unknownFields(ls, lp, Set.of("probability", "durationMs"));
        spike = new Scenario.LatencySpike(
            number(ls, lp, "probability", 0, 0, 1, true),
            (long) number(ls, lp, "durationMs", 0, 0, 3_600_000, true));
      }
      Scenario.CircuitBreaker cb = null;
      ObjectNode cbo = object(o, p, "circuitBreaker");
      if (cbo != null) {
        String cp = p + ".circuitBreaker";
        unknownFields(cbo, cp, Set.of("failureThreshold", "resetTimeoutMs"));
        cb = new Scenario.CircuitBreaker(
            (int) number(cbo, cp, "failureThreshold", 5, 1, 1_000_000, true),
            (long) number(cbo, cp, "resetTimeoutMs", 5000, 1, 3_600_000, true));
      }
      Scenario.Arrival arrival = Scenario.Arrival.CONSTANT;
      String a = text(o, p, "arrival", "constant", false);
      switch (a) {
        case "constant" -> arrival = Scenario.Arrival.CONSTANT;
        case "poisson" -> arrival = Scenario.Arrival.POISSON;
        default -> problems.add(p + ".arrival: must be \"constant\" or \"poisson\", was \"" + a + "\"");
      }
      List<Scenario.Phase> phases = new ArrayList<>();
      JsonNode ph = o.get("phases");
      if (ph != null && !ph.isNull()) {
        if (!ph.isArray()) {
          problems.add(p + ".phases: must be an array, was " + ph.getNodeType());
        } else {
          for (int i = 0; i < ph.size(); i++) {
            String pp = p + ".phases[" + i + "]";
            if (!ph.get(i).isObject()) {
              problems.add(pp + ": must be an object");
              continue;
            }
            phases.add(phase((ObjectNode) ph.get(i), pp, eps));
          }
        }
      }
      Scenario.SuccessCriteria criteria = Scenario.SuccessCriteria.NONE;
      ObjectNode sc = object(o, p, "successCriteria");
      if (sc != null) {
        String sp = p + ".successCriteria";
        unknownFields(sc, sp, Set.of("minSustainedEps", "maxP95Ms", "maxP99Ms", "minSuccessRate",
            "maxHeapMb"));
        criteria = new Scenario.SuccessCriteria(
            number(sc, sp, "minSustainedEps", 0, 0, Scenario.MAX_EPS, false),
            number(sc, sp, "maxP95Ms", 0, 0, 3.6e6, false),
            number(sc, sp, "maxP99Ms", 0, 0, 3.6e6, false),
            number(sc, sp, "minSuccessRate", 0, 0, 1, false),
            (long) number(sc, sp, "maxHeapMb", 0, 0, 1 << 20, false) * 1024 * 1024);
      }
      Duration duration = Duration.ofMillis(durationMs);
      if (!phases.isEmpty() && o.get(durationField) == null) {
        duration = Duration.ZERO;
        for (Scenario.Phase x : phases) {
          duration = duration.plus(x.duration());
        }
      }
      return new Scenario(name, description, eps, burst, duration, payload, size, errorRate, spike,
          cb, arrival, phases, criteria);
    }

    Scenario.Phase phase(ObjectNode o, String path, double targetEps) {
      unknownFields(o, path, Set.of("kind", "durationMs", "eps", "fromEps", "toEps"));
      String kind = text(o, path, "kind", "steady", true);
      long ms = (long) number(o, path, "durationMs", 1000, 1, 7L * 24 * 3600 * 1000, true);
      Duration d = Duration.ofMillis(ms);
      switch (kind) {
        case "warmup" -> {
          double eps = number(o, path, "eps", targetEps / 10, 0.001, Scenario.MAX_EPS, false);
          return new Scenario.Phase(Scenario.Phase.Kind.WARMUP, d, eps, eps, false);
        }
        case "steady" -> {
          double eps = number(o, path, "eps", targetEps, 0.001, Scenario.MAX_EPS, false);
          return new Scenario.Phase(Scenario.Phase.Kind.STEADY, d, eps, eps, true);
        }
        case "ramp" -> {
          double from = number(o, path, "fromEps", 0, 0, Scenario.MAX_EPS, true);
          double to = number(o, path, "toEps", targetEps, 0, Scenario.MAX_EPS, true);
          return new Scenario.Phase(Scenario.Phase.Kind.RAMP, d, from, to, true);
        }
        default -> {
          problems.add(path + ".kind: must be \"warmup\", \"steady\" or \"ramp\", was \"" + kind
              + "\"");
          return new Scenario.Phase(Scenario.Phase.Kind.STEADY, d, targetEps, targetEps, true);
        }
      }
    }
  }
}
