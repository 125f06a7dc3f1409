package dev.sluice.scenario.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scenario.http.HttpErrorKind;
import dev.sluice.scenario.http.HttpTargetSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The request machinery of an HTTP target, shared by its standalone run ({@link HttpRun}) and the
 * scenario runner's adapter: renders a request from a payload, sends it with the JDK's
 * asynchronous client and classifies the outcome by {@link HttpErrorKind}. Immutable once built;
 * thread-safe.
 */
public final class HttpCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A failed exchange, for mapAsync and its circuit breaker; carries no stack trace. */
  public static final class RequestFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient HttpErrorKind kind;

    /** A failure of {@code kind}. */
    public RequestFailed(HttpErrorKind kind) {
      super(kind.name(), null, false, false);
      this.kind = kind;
    }

    /** Why the request failed. */
    public HttpErrorKind kind() {
      return kind;
    }
  }

  private final HttpTargetSpec spec;
  private final Template url;
  private final Map<String, Template> headers = new LinkedHashMap<>();
  private final Template body;
  private final boolean needsJson;

  /** Parses the spec's templates. */
  public HttpCalls(HttpTargetSpec spec) {
    this.spec = spec;
    this.url = Template.parse("url", spec.url());
    for (Map.Entry<String, String> h : spec.headers().entrySet()) {
      headers.put(h.getKey(), Template.parse("header '" + h.getKey() + "'", h.getValue()));
    }
    this.body = !spec.sendsBody() ? null
        : Template.parse("body", spec.body() == null ? "{{$payload}}" : spec.body());
    boolean fields = url.usesFields() || (body != null && body.usesFields());
    for (Template t : headers.values()) {
      fields |= t.usesFields();
    }
    this.needsJson = fields;
  }

  /** The spec. */
  public HttpTargetSpec spec() {
    return spec;
  }

  /**
   * Checks the templates against a first payload.
   *
   * @param first the first payload the run will send
   * @param payloadType its generator's name, for the message
   * @param format its generator's format, for the message
   * @throws IllegalArgumentException if a template reads a field the payload lacks, or reads
   *     fields and the payload is not JSON
   */
  public void checkFields(byte[] first, String payloadType, String format) {
    if (!needsJson) {
      return;
    }
    JsonNode json;
    try {
      json = JSON.readTree(first);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || json.isMissingNode()) {
      throw new IllegalArgumentException("the templates read payload fields, but payload type '"
          + payloadType + "' produces " + format + ", not JSON; use only the "
          + "built-ins " + new java.util.TreeSet<>(Template.BUILT_INS));
    }
    List<String> problems = new ArrayList<>(url.unknownFields(json));
    for (Template t : headers.values()) {
      problems.addAll(t.unknownFields(json));
    }
    if (body != null) {
      problems.addAll(body.unknownFields(json));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** A client for the spec (its HTTP version, connect timeout, no redirects). */
  public HttpClient newClient(Executor executor) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(spec.httpVersion())
        .connectTimeout(spec.timeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (executor != null) {
      b.executor(executor);
    }
    return b.build();
  }

  /**
   * The request for one arrival.
   *
   * @throws Template.MissingFieldException if a template reads a field the payload lacks
   * @throws IllegalArgumentException if the rendered URL is invalid
   */
  public HttpRequest request(byte[] payload, long sequence, long intendedEpochMillis)
      throws Template.MissingFieldException {
    JsonNode json = null;
    if (needsJson) {
      try {
        json = JSON.readTree(payload);
      } catch (IOException notJson) {
        json = null; // a field lookup then reports the missing field
      }
    }
    Template.Values v = new Template.Values(json, payload, sequence, intendedEpochMillis);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.render(v, Template.Encoding.URL)))
        .timeout(spec.timeout());
    for (Map.Entry<String, Template> h : headers.entrySet()) {
      b.header(h.getKey(), h.getValue().render(v, Template.Encoding.HEADER));
    }
    HttpRequest.BodyPublisher publisher;
    if (body == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else if (body.isRawPayload()) {
      publisher = HttpRequest.BodyPublishers.ofByteArray(payload);
    } else {
      publisher = HttpRequest.BodyPublishers.ofString(body.render(v, Template.Encoding.TEXT));
    }
    return b.method(spec.method(), publisher).build();
  }

  /** Sends {@code request}; the body is read only when the spec checks it. */
  public CompletableFuture<? extends HttpResponse<?>> send(HttpClient client, HttpRequest request) {
    return spec.checksBody()
        ? client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        : client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
  }

  /** The kind of a response's failure, or null if it counts as success. */
  public HttpErrorKind classify(HttpResponse<?> response) {
    int status = response.statusCode();
    if (spec.isSuccessStatus(status)) {
      if (spec.checksBody()) {
        byte[] bytes = (byte[]) response.body();
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        if (spec.successBodyContains() != null && !text.contains(spec.successBodyContains())) {
          return HttpErrorKind.BODY_MISMATCH;
        }
        try {
          if (spec.successBody() != null && !spec.successBody().test(text)) {
            return HttpErrorKind.BODY_MISMATCH;
          }
        } catch (RuntimeException checkFailed) {
          return HttpErrorKind.BODY_MISMATCH;
        }
      }
      return null;
    }
    if (status >= 500) {
      return HttpErrorKind.STATUS_5XX;
    }
    if (status >= 400) {
      return HttpErrorKind.STATUS_4XX;
    }
    return HttpErrorKind.STATUS_OTHER;
  }

  /** The kind of a client failure; null for a cancellation (ours). */
  public static HttpErrorKind classify(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof CancellationException) {
      return null;
    }
    if (t instanceof RequestFailed f) {
      return f.kind();
    }
    if (t instanceof HttpConnectTimeoutException) {
      return HttpErrorKind.CONNECTION_FAILED;
    }
    if (t instanceof HttpTimeoutException) {
      return HttpErrorKind.TIMEOUT;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return HttpErrorKind.CONNECT_REFUSED;
      }
    }
    if (t instanceof IOException) {
      return HttpErrorKind.CONNECTION_FAILED;
    }
    return HttpErrorKind.OTHER;
  }
}
