package dev.sluice.scenario.http;

import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.scenario.http.internal.Template;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an HTTP target calls and how: method, URL, header and body templates, timeout, what
 * counts as success, the cap on requests in flight and an optional circuit breaker. Immutable and
 * thread-safe; build with {@link #builder(String)} or read from JSON with {@link
 * HttpTargetSpecJson}.
 *
 * <p><b>Templates.</b> The URL, header values and body are templates filled from each generated
 * payload: {@code {{field}}} (a JSON payload's field; {@code a.b} and {@code items.0} reach into
 * objects and arrays), {@code {{$payload}}} (the payload as text), {@code {{$seq}}} (the
 * arrival's sequence number), {@code {{$intendedEpochMillis}}} (its intended send time), each
 * optionally as {@code {{field|json}}} (JSON-encoded). Values are percent-encoded in the URL and
 * inserted as they are in headers (a line break is refused) and the body. Syntax errors are
 * reported with the column by {@link Builder#build()}; fields the first payload lacks, when a
 * run starts; a later payload lacking a field is not sent and counted ({@link
 * HttpErrorKind#TEMPLATE}).
 *
 * <p><b>Body.</b> When no body template is set, methods that carry a body (POST, PUT, PATCH)
 * send the payload's bytes unchanged; others send none.
 */
public final class HttpTargetSpec {

  /** Default timeout: 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Default cap on requests in flight: 64. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

  /** Headers the JDK's HTTP client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final String name;
  private final String method;
  private final String url;
  private final Map<String, String> headers;
  private final String body;
  private final Duration timeout;
  private final List<StatusRange> successStatuses;
  private final String successBodyContains;
  private final Predicate<String> successBody;
  private final int maxInFlight;
  private final CircuitBreakerSettings circuitBreaker;
  private final HttpClient.Version httpVersion;

  private HttpTargetSpec(Builder b) {
    this.name = b.name;
    this.method = b.method;
    this.url = b.url;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.body = b.body;
    this.timeout = b.timeout;
    this.successStatuses = List.copyOf(b.successStatuses);
    this.successBodyContains = b.successBodyContains;
    this.successBody = b.successBody;
    this.maxInFlight = b.maxInFlight;
    this.circuitBreaker = b.circuitBreaker;
    this.httpVersion = b.httpVersion;
  }

  /** A builder for a target calling {@code url} (a template). */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The target's name (job and circuit breaker names derive from it). */
  public String name() {
    return name;
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  /** The URL template. */
  public String url() {
    return url;
  }

  /** Header name to value template, in order. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body template, or null for the default (see the class comment). */
  public String body() {
    return body;
  }

  /** True if requests carry a body. */
  public boolean sendsBody() {
    return body != null ? !body.isEmpty() || METHODS_WITH_BODY.contains(method)
        : METHODS_WITH_BODY.contains(method);
  }

  /** The per-request timeout, from sending to the complete response. */
  public Duration timeout() {
    return timeout;
  }

  /** The statuses that count as success. */
  public List<StatusRange> successStatuses() {
    return successStatuses;
  }

  /** Text a successful response's body must contain, or null. */
  public String successBodyContains() {
    return successBodyContains;
  }

  /** A check of a successful response's body (UTF-8 text), or null. */
  public Predicate<String> successBody() {
    return successBody;
  }

  /** True if a response body is read and checked. */
  public boolean checksBody() {
    return successBodyContains != null || successBody != null;
  }

  /** The cap on requests in flight. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** The circuit breaker, or null for none. */
  public CircuitBreakerSettings circuitBreaker() {
    return circuitBreaker;
  }

  /** The HTTP version asked of the client (HTTP/1.1 by default). */
  public HttpClient.Version httpVersion() {
    return httpVersion;
  }

  /** True if {@code status} is in a success range. */
  public boolean isSuccessStatus(int status) {
    for (StatusRange r : successStatuses) {
      if (r.contains(status)) {
        return true;
      }
    }
    return false;
  }

  /** E.g. {@code POST http://127.0.0.1:8080/ingest/{{device}}}. */
  public String describe() {
    return method + " " + url;
  }

  @Override
  public String toString() {
    return "HttpTargetSpec[" + describe() + ", timeout " + timeout.toMillis() + " ms, maxInFlight "
        + maxInFlight + ", success " + successStatuses + "]";
  }

  /** Builds an {@link HttpTargetSpec}; not thread-safe. */
  public static final class Builder {
    private String name = "http";
    private String method = "POST";
    private String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private Duration timeout = DEFAULT_TIMEOUT;
    private List<StatusRange> successStatuses = List.of(StatusRange.SUCCESSFUL);
    private String successBodyContains;
    private Predicate<String> successBody;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private CircuitBreakerSettings circuitBreaker;
    private HttpClient.Version httpVersion = HttpClient.Version.HTTP_1_1;

    private Builder(String url) {
      this.url = url;
    }

    /** The name (default {@code http}). */
    public Builder name(String n) {
      this.name = n;
      return this;
    }

    /** The method (default POST). */
    public Builder method(String m) {
      this.method = m == null ? null : m.trim().toUpperCase(Locale.ROOT);
      return this;
    }

    /** The URL template. */
    public Builder url(String template) {
      this.url = template;
      return this;
    }

    /** Adds a header whose value is a template. */
    public Builder header(String headerName, String valueTemplate) {
      headers.put(Objects.requireNonNull(headerName, "headerName"),
          Objects.requireNonNull(valueTemplate, "valueTemplate"));
      return this;
    }

    /** The body template; {@code ""} for no body; null for the default. */
    public Builder body(String template) {
      this.body = template;
      return this;
    }

    /** The per-request timeout (default 5 s). */
    public Builder timeout(Duration t) {
      this.timeout = t;
      return this;
    }

    /** The statuses that count as success (default 200-299). */
    public Builder successStatuses(List<StatusRange> ranges) {
      this.successStatuses = List.copyOf(ranges);
      return this;
    }

    /** A successful response's body must contain {@code text}. */
    public Builder successBodyContains(String text) {
      this.successBodyContains = text;
      return this;
    }

    /** A successful response's body (as UTF-8 text) must pass {@code check}. */
    public Builder successBody(Predicate<String> check) {
      this.successBody = check;
      return this;
    }

    /** The cap on requests in flight (default 64). */
    public Builder maxInFlight(int n) {
      this.maxInFlight = n;
      return this;
    }

    /** A circuit breaker around the calls (default none). */
    public Builder circuitBreaker(CircuitBreakerSettings settings) {
      this.circuitBreaker = settings;
      return this;
    }

    /** The HTTP version (default HTTP/1.1). */
    public Builder httpVersion(HttpClient.Version v) {
      this.httpVersion = v;
      return this;
    }

    /**
     * The spec.
     *
     * @throws IllegalArgumentException listing every invalid setting; template errors carry their
     *     column
     */
    public HttpTargetSpec build() {
      List<String> problems = problems();
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            problems.size() == 1 ? problems.get(0) : String.join("; ", problems));
      }
      return new HttpTargetSpec(this);
    }

    /** Every problem {@link #build()} would report, in order; empty if none. */
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name must not be blank");
      }
      if (method == null || !method.matches("[A-Z]+")) {
        problems.add("method must be a token of letters (GET, POST, ...), was " + method);
      }
      if (url == null || url.isBlank()) {
        problems.add("url must be set");
      } else {
        try {
          Template.parse("url", url);
          // the literal text must make an absolute http(s) URI once placeholders are filled
          URI u = URI.create(url.replaceAll("\\{\\{[^}]*}}", "x"));
          if (u.getScheme() == null
              || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
              || u.getHost() == null) {
            problems.add("url must be an absolute http:// or https:// URL, was '" + url + "'");
          }
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
          problems.add("header name '" + h.getKey() + "' is not a valid token");
        } else if (RESTRICTED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          problems.add("header '" + h.getKey() + "' is set by the HTTP client and cannot be set;"
              + " restricted: " + new java.util.TreeSet<>(RESTRICTED_HEADERS));
        }
        try {
          Template.parse("header '" + h.getKey() + "'", h.getValue());
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      if (body != null) {
        try {
          Template.parse("body", body);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        problems.add("timeout must be positive, was " + timeout);
      }
      if (successStatuses.isEmpty()) {
        problems.add("successStatuses must not be empty");
      }
      if (maxInFlight < 1) {
        problems.add("maxInFlight must be >= 1, was " + maxInFlight);
      }
      if (httpVersion == null) {
        problems.add("httpVersion must be set");
      }
      return problems;
    }
  }
}
