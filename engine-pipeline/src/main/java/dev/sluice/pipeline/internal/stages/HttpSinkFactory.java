package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Sink;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.CircuitBreakingSink;
import dev.sluice.core.fault.WhileOpen;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.ConfigNode;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.internal.io.HttpPostSink;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code http}: POSTs records as JSON to {@code url} with retries, behind the core's circuit
 * breaker ({@link CircuitBreakingSink}).
 */
public final class HttpSinkFactory implements StageFactory {
  @Override
  public String type() {
    return "http";
  }

  @Override
  public Role role() {
    return Role.SINK;
  }

  @Override
  public String summary() {
    return "POSTs records as JSON (batched, retried) behind a circuit breaker";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    String url = config.string("url");
    int batch = (int) config.longValue("batchSize", 1, 1, 100_000);
    int retries = (int) config.longValue("retries", 3, 0, 100);
    long backoff = config.millis("retryBackoff", 200, 0);
    long timeout = config.millis("timeout", 10_000, 1);
    Map<String, String> headers = new LinkedHashMap<>();
    ConfigNode h = config.get("headers");
    if (h != null) {
      if (h.kind() != ConfigNode.Kind.OBJECT) {
        config.problem(h, "expected an object of header names to values");
      } else {
        h.fields().forEach((k, v) -> {
          if (v.kind() != ConfigNode.Kind.STRING) {
            config.problem(v, "a header value is a string");
          } else {
            headers.put(k, (String) v.value());
          }
        });
      }
    }
    StageConfig cb = config.object("circuitBreaker");
    int threshold = cb == null ? 5 : (int) cb.longValue("failureThreshold", 5, 1, 10_000);
    long reset = cb == null ? 30_000 : cb.millis("resetTimeout", 30_000, 1);
    int successes = cb == null ? 3 : (int) cb.longValue("successesToClose", 3, 1, 10_000);
    String whileOpen = cb == null ? "fail" : cb.choice("whileOpen", "fail", List.of("fail", "wait", "drop"));
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      config.problem("url", "not a URL: " + e.getMessage());
      return null;
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      config.problem("url", "the URL must be http:// or https://, was " + url);
      return null;
    }
    WhileOpen wo = switch (whileOpen) {
      case "wait" -> WhileOpen.WAIT;
      case "drop" -> WhileOpen.DROP;
      default -> WhileOpen.FAIL_FAST;
    };
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return null;
      }

      @Override
      public Sink<Record> sink(String name) {
        HttpPostSink post = new HttpPostSink(name, uri, input, batch, retries, backoff,
            Duration.ofMillis(timeout), headers);
        return new CircuitBreakingSink<>(post,
            new CircuitBreakerSettings(name, threshold, Duration.ofMillis(reset), successes, wo));
      }

      @Override
      public String describe() {
        return "POST " + uri + (batch > 1 ? " in batches of " + batch : "") + ", " + retries + " retries";
      }
    };
  }
}
