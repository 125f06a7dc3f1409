package dev.sluice.connectors.nats.internal;

import dev.sluice.connectors.nats.NatsSinkConfig;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.fault.ReconnectGuard;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Writer of a {@link dev.sluice.connectors.nats.JetStreamSink}; one thread at a time. */
public final class JetStreamWriter<T> implements SinkWriter<T> {

  private record Publish(String subject, byte[] data) {}

  private record InFlight(CompletableFuture<PublishAck> future, Publish publish) {}

  private final NatsSinkConfig config;
  private final Function<? super T, String> subject;
  private final Function<? super T, byte[]> encoder;
  private final Connection connection;
  private final JetStream jetStream;
  private final PublishOptions options;
  private final ReconnectGuard guard;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Publish> retry = new ArrayDeque<>();
  private volatile boolean closed;
  private long retried;

  /** Connects and makes sure the stream exists; a bad configuration fails naming the setting. */
  public JetStreamWriter(
      String sinkName,
      NatsSinkConfig config,
      Function<? super T, String> subject,
      Function<? super T, byte[]> encoder)
      throws Exception {
    String what = "nats sink '" + sinkName + "' (stream " + config.stream() + ")";
    this.config = config;
    this.subject = subject;
    this.encoder = encoder;
    this.guard = new ReconnectGuard(what, config.breaker(), config.reconnect());
    this.connection =
        NatsConnections.connect(
            what,
            config.url(),
            config.reconnect(),
            (c, event) -> {
              if (event == io.nats.client.ConnectionListener.Events.CLOSED) {
                closed = true;
              }
            });
    try {
      NatsConnections.ensureStream(
          what, connection.jetStreamManagement(), config.stream(), config.subject(),
          config.createStream());
      this.jetStream = connection.jetStream();
    } catch (Exception | Error e) {
      connection.close();
      throw e;
    }
    this.options = PublishOptions.builder().expectedStream(config.stream()).build();
  }

  @Override
  public boolean offer(T event, long timestamp) throws Exception {
    poll();
    if (!retry.isEmpty()) {
      resend();
      if (!retry.isEmpty()) {
        return false;
      }
    }
    if (inFlight.size() >= config.maxInFlight()) {
      return false;
    }
    send(new Publish(subject.apply(event), encoder.apply(event)));
    return true;
  }

  private void send(Publish p) {
    CompletableFuture<PublishAck> f;
    try {
      f = jetStream.publishAsync(p.subject(), p.data(), options);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    inFlight.addLast(new InFlight(f, p));
  }

  private void resend() {
    if (!retry.isEmpty() && inFlight.size() < config.maxInFlight() && guard.tryAcquire()) {
      send(retry.pollFirst()); // one trial at a time until an answer shows the server is back
      retried++;
    }
  }

  private void poll() throws InterruptedException {
    if (closed) {
      throw new ReconnectGuard.ConnectionLostException(
          "nats sink (stream " + config.stream() + "): the connection closed after "
              + config.reconnect().maxRestarts() + " reconnect attempts",
          null);
    }
    while (!inFlight.isEmpty() && inFlight.peekFirst().future().isDone()) {
      InFlight f = inFlight.pollFirst();
      try {
        f.future().get();
        if (guard.failuresInARow() > 0) {
          guard.onSuccess();
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (String.valueOf(cause.getMessage()).contains("Expected stream")) {
          throw new IllegalArgumentException(
              "nats sink: subject '" + f.publish().subject() + "' does not belong to stream '"
                  + config.stream() + "'",
              cause);
        }
        retry.addLast(f.publish());
        guard.onFailure(cause); // throws when out of retries
      }
    }
  }

  /** Publishes sent again after a failure. */
  public long retried() {
    return retried;
  }

  @Override
  public void flush() throws Exception {
    poll();
    resend();
  }

  @Override
  public void complete() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!inFlight.isEmpty() || !retry.isEmpty()) {
      flush();
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "nats sink: " + (inFlight.size() + retry.size()) + " publishes unacknowledged after 30 s");
      }
      Thread.sleep(1);
    }
  }

  @Override
  public void close(Throwable failure) throws Exception {
    connection.close();
  }
}
