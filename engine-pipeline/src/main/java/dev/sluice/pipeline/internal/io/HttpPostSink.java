package dev.sluice.pipeline.internal.io;

import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs records as JSON with the JDK HTTP client: one object per request, or with a batch size
 * above 1 a JSON array per request (the rest sent when the input ends). A request that fails
 * (I/O error, or a status outside 2xx) is retried {@code retries} times with a doubling backoff;
 * if it still fails, the write throws, which the circuit breaker around this sink records (see
 * {@link dev.sluice.core.fault.CircuitBreakingSink}) and the sink stage's error policy handles.
 *
 * <p>Blocking (its own thread); one instance per parallel sink instance, each with its client.
 */
public final class HttpPostSink implements Sink<Record> {
  private final String name;
  private final URI uri;
  private final RecordSchema schema;
  private final int batchSize;
  private final int retries;
  private final long backoffMillis;
  private final Duration timeout;
  private final Map<String, String> headers;

  /** A sink posting to {@code uri}. */
  public HttpPostSink(String name, URI uri, RecordSchema schema, int batchSize, int retries,
      long backoffMillis, Duration timeout, Map<String, String> headers) {
    this.name = name;
    this.uri = uri;
    this.schema = schema;
    this.batchSize = batchSize;
    this.retries = retries;
    this.backoffMillis = backoffMillis;
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public SinkWriter<Record> createWriter(int instanceIndex, int parallelism) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    RecordJson json = new RecordJson(schema);
    return new SinkWriter<>() {
      private final StringBuilder batch = new StringBuilder();
      private int inBatch;

      @Override
      public boolean offer(Record event, long timestamp) throws Exception {
        String body = json.write(event);
        if (batchSize <= 1) {
          post(body);
          return true;
        }
        batch.append(inBatch == 0 ? "[" : ",").append(body);
        if (++inBatch >= batchSize) {
          sendBatch();
        }
        return true;
      }

      private void sendBatch() throws Exception {
        if (inBatch == 0) {
          return;
        }
        String body = batch.append(']').toString();
        batch.setLength(0);
        inBatch = 0;
        post(body);
      }

      @Override
      public void complete() throws Exception {
        sendBatch();
      }

      private void post(String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpRequest request = b.build();
        long wait = backoffMillis;
        Exception last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
          if (attempt > 0) {
            Thread.sleep(wait);
            wait = Math.min(wait * 2, 30_000);
          }
          try {
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
              return;
            }
            last = new IOException("HTTP " + r.statusCode() + " from " + uri);
          } catch (IOException e) {
            last = e;
          }
        }
        throw new IOException("POST to " + uri + " failed after " + (retries + 1) + " attempt(s): "
            + last.getMessage(), last);
      }
    };
  }
}
