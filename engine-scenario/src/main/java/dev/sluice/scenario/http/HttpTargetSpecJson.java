package dev.sluice.scenario.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.WhileOpen;
import dev.sluice.scenario.journey.LoadPlan;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an {@link HttpTargetSpec} from a JSON object, for scenario files. Every problem is
 * reported with its JSON path (under the path the caller gives, e.g. {@code $.target}); all
 * problems are collected before failing. The format:
 *
 * <pre>{@code
 * {
 *   "type": "http",                          // optional; if present must be "http"
 *   "name": "orders",                        // default "http"
 *   "method": "POST",                        // default POST
 *   "url": "http://127.0.0.1:8080/devices/{{device}}",   // required; a template
 *   "headers": {"Content-Type": "application/json", "X-Seq": "{{$seq}}"},
 *   "body": "{\"value\": {{value|json}}}",   // a template; default: the payload's bytes
 *   "timeoutMs": 2000,                       // default 5000
 *   "success": {"status": ["200-299", 304], "bodyContains": "ok"},   // default 200-299
 *   "maxInFlight": 64,                       // default 64
 *   "circuitBreaker": {"failureThreshold": 5, "resetTimeoutMs": 30000,
 *                      "successesToClose": 3, "whileOpen": "fail_fast"},  // default none
 *   "httpVersion": "HTTP/1.1",               // or "HTTP/2"
 *   "onCapReached": "wait",                  // or "skip" (with maxWaitMs): see capPolicy
 *   "maxWaitMs": 1000
 * }
 * }</pre>
 *
 * <p>Untrusted input names no Java class; templates can only copy payload values. Thread-safe.
 */
public final class HttpTargetSpecJson {

  /** The fields of a target object. */
  public static final Set<String> FIELDS =
      Set.of("type", "name", "method", "url", "headers", "body", "timeoutMs", "success",
          "maxInFlight", "circuitBreaker", "httpVersion", "onCapReached", "maxWaitMs");

  private static final Set<String> SUCCESS_FIELDS = Set.of("status", "bodyContains");
  private static final Set<String> BREAKER_FIELDS =
      Set.of("failureThreshold", "resetTimeoutMs", "successesToClose", "whileOpen");

  private HttpTargetSpecJson() {}

  /**
   * Reads a target.
   *
   * @param node the target object
   * @param path its JSON path, prefixed to every problem (e.g. {@code $.target})
   * @throws HttpTargetSpecException listing every problem with its path
   */
  public static HttpTargetSpec parse(JsonNode node, String path) {
    List<String> problems = new ArrayList<>();
    if (node == null || !node.isObject()) {
      throw new HttpTargetSpecException(List.of(path + ": an HTTP target must be a JSON object"));
    }
    unknown(node, path, FIELDS, problems);
    JsonNode type = node.get("type");
    if (type != null && !(type.isTextual() && type.asText().equals("http"))) {
      problems.add(path + ".type: must be \"http\", was " + type);
    }
    String url = text(node, "url", path, problems, null);
    if (url == null && node.get("url") == null) {
      problems.add(path + ".url: required (the URL to call, a template)");
    }
    HttpTargetSpec.Builder b = HttpTargetSpec.builder(url);
    String name = text(node, "name", path, problems, null);
    if (name != null) {
      b.name(name);
    }
    String method = text(node, "method", path, problems, null);
    if (method != null) {
      b.method(method);
    }
    JsonNode headers = node.get("headers");
    if (headers != null) {
      if (!headers.isObject()) {
        problems.add(path + ".headers: must be an object of header names to value templates");
      } else {
        for (Map.Entry<String, JsonNode> h : headers.properties()) {
          if (!h.getValue().isTextual()) {
            problems.add(path + ".headers." + h.getKey() + ": must be a string, was "
                + kind(h.getValue()));
          } else {
            b.header(h.getKey(), h.getValue().asText());
          }
        }
      }
    }
    JsonNode body = node.get("body");
    if (body != null) {
      if (!body.isTextual()) {
        problems.add(path + ".body: must be a string (a template), was " + kind(body));
      } else {
        b.body(body.asText());
      }
    }
    Long timeout = positiveLong(node, "timeoutMs", path, problems);
    if (timeout != null) {
      b.timeout(Duration.ofMillis(timeout));
    }
    Long maxInFlight = positiveLong(node, "maxInFlight", path, problems);
    if (maxInFlight != null) {
      if (maxInFlight > 1_000_000) {
        problems.add(path + ".maxInFlight: at most 1000000, was " + maxInFlight);
      } else {
        b.maxInFlight(maxInFlight.intValue());
      }
    }
    success(node.get("success"), path + ".success", b, problems);
    JsonNode cb = node.get("circuitBreaker");
    if (cb != null) {
      b.circuitBreaker(breaker(cb, path + ".circuitBreaker", problems));
    }
    String version = text(node, "httpVersion", path, problems, null);
    if (version != null) {
      switch (version.toUpperCase(Locale.ROOT)) {
        case "HTTP/1.1", "HTTP_1_1" -> b.httpVersion(HttpClient.Version.HTTP_1_1);
        case "HTTP/2", "HTTP_2" -> b.httpVersion(HttpClient.Version.HTTP_2);
        default -> problems.add(path + ".httpVersion: must be \"HTTP/1.1\" or \"HTTP/2\", was \""
            + version + "\"");
      }
    }
    capPolicy(node, path, LoadPlan.builder(dev.sluice.core.emission.RateProfile.constant(1),
        Duration.ofSeconds(1)), problems);
    if (problems.isEmpty()) {
      // template syntax (located by column), URL shape, header names
      for (String p : b.problems()) {
        problems.add(path + ": " + p);
      }
    }
    if (!problems.isEmpty()) {
      throw new HttpTargetSpecException(problems);
    }
    return b.build();
  }

  /**
   * Applies the target object's {@code onCapReached} ({@code "wait"}, the default, or {@code
   * "skip"}) and {@code maxWaitMs} (with skip; default 1000) to {@code plan}.
   *
   * @throws HttpTargetSpecException naming the field
   */
  public static LoadPlan.Builder capPolicy(JsonNode node, String path, LoadPlan.Builder plan) {
    List<String> problems = new ArrayList<>();
    capPolicy(node, path, plan, problems);
    if (!problems.isEmpty()) {
      throw new HttpTargetSpecException(problems);
    }
    return plan;
  }

  private static void capPolicy(
      JsonNode node, String path, LoadPlan.Builder plan, List<String> problems) {
    String policy = text(node, "onCapReached", path, problems, "wait");
    Long maxWait = positiveOrZeroLong(node, "maxWaitMs", path, problems);
    if ("wait".equals(policy)) {
      if (maxWait != null) {
        problems.add(path + ".maxWaitMs: only with \"onCapReached\": \"skip\"");
      }
      plan.waitWhenCapReached();
    } else if ("skip".equals(policy)) {
      plan.skipWhenCapReached(Duration.ofMillis(maxWait == null ? 1000 : maxWait));
    } else if (policy != null) {
      problems.add(path + ".onCapReached: must be \"wait\" or \"skip\", was \"" + policy + "\"");
    }
  }

  private static void success(
      JsonNode s, String path, HttpTargetSpec.Builder b, List<String> problems) {
    if (s == null) {
      return;
    }
    if (!s.isObject()) {
      problems.add(path + ": must be an object with \"status\" and/or \"bodyContains\"");
      return;
    }
    unknown(s, path, SUCCESS_FIELDS, problems);
    JsonNode status = s.get("status");
    if (status != null) {
      List<StatusRange> ranges = new ArrayList<>();
      if (!status.isArray() || status.isEmpty()) {
        problems.add(path + ".status: must be a non-empty array of statuses (200) or ranges"
            + " (\"200-299\")");
      } else {
        for (int i = 0; i < status.size(); i++) {
          JsonNode r = status.get(i);
          try {
            if (r.isInt()) {
              ranges.add(StatusRange.of(r.asInt()));
            } else if (r.isTextual()) {
              ranges.add(StatusRange.parse(r.asText()));
            } else {
              problems.add(path + ".status[" + i + "]: must be a status or a range string, was "
                  + kind(r));
            }
          } catch (IllegalArgumentException e) {
            problems.add(path + ".status[" + i + "]: " + e.getMessage());
          }
        }
        if (!ranges.isEmpty()) {
          b.successStatuses(ranges);
        }
      }
    }
    String contains = text(s, "bodyContains", path, problems, null);
    if (contains != null) {
      b.successBodyContains(contains);
    }
  }

  private static CircuitBreakerSettings breaker(JsonNode cb, String path, List<String> problems) {
    if (!cb.isObject()) {
      problems.add(path + ": must be an object");
      return null;
    }
    unknown(cb, path, BREAKER_FIELDS, problems);
    CircuitBreakerSettings d = CircuitBreakerSettings.defaults("http");
    Long threshold = positiveLong(cb, "failureThreshold", path, problems);
    Long reset = positiveLong(cb, "resetTimeoutMs", path, problems);
    Long close = positiveLong(cb, "successesToClose", path, problems);
    String whileOpen = text(cb, "whileOpen", path, problems, "fail_fast");
    WhileOpen policy = WhileOpen.FAIL_FAST;
    if (whileOpen != null) {
      switch (whileOpen.toLowerCase(Locale.ROOT)) {
        case "fail_fast" -> policy = WhileOpen.FAIL_FAST;
        case "wait" -> policy = WhileOpen.WAIT;
        case "drop" -> problems.add(path + ".whileOpen: \"drop\" is not offered for HTTP targets"
            + " (a dropped request would not be counted); use \"fail_fast\" or \"wait\"");
        default -> problems.add(path + ".whileOpen: must be \"fail_fast\" or \"wait\", was \""
            + whileOpen + "\"");
      }
    }
    if (threshold != null && threshold > Integer.MAX_VALUE
        || close != null && close > Integer.MAX_VALUE) {
      problems.add(path + ": failureThreshold and successesToClose must fit an int");
      return null;
    }
    return new CircuitBreakerSettings("http",
        threshold == null ? d.failureThreshold() : threshold.intValue(),
        reset == null ? d.resetTimeout() : Duration.ofMillis(reset),
        close == null ? d.successesToClose() : close.intValue(), policy);
  }

  private static void unknown(JsonNode o, String path, Set<String> known, List<String> problems) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!known.contains(n)) {
        problems.add(path + "." + n + ": unknown field; known fields: " + new TreeSet<>(known));
      }
    }
  }

  private static String text(
      JsonNode o, String field, String path, List<String> problems, String defaultValue) {
    JsonNode v = o.get(field);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isTextual()) {
      problems.add(path + "." + field + ": must be a string, was " + kind(v));
      return null;
    }
    return v.asText();
  }

  private static Long positiveLong(JsonNode o, String field, String path, List<String> problems) {
    Long v = positiveOrZeroLong(o, field, path, problems);
    if (v != null && v == 0) {
      problems.add(path + "." + field + ": must be positive, was 0");
      return null;
    }
    return v;
  }

  private static Long positiveOrZeroLong(
      JsonNode o, String field, String path, List<String> problems) {
    JsonNode v = o.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problems.add(path + "." + field + ": must be an integer, was " + kind(v));
      return null;
    }
    if (v.asLong() < 0) {
      problems.add(path + "." + field + ": must not be negative, was " + v.asLong());
      return null;
    }
    return v.asLong();
  }

  private static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "the string " + v;
    }
    return v.getNodeType().name().toLowerCase(Locale.ROOT) + (v.isValueNode() ? " " + v : "");
  }
}
