package dev.sluice.connectors.mqtt.internal;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import dev.sluice.connectors.mqtt.MqttSinkConfig;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.fault.ReconnectGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Writer of a {@link dev.sluice.connectors.mqtt.MqttSink}; one thread at a time. */
public final class MqttWriter<T> implements SinkWriter<T> {

  private record Publish(String topic, byte[] payload) {}

  private record InFlight(CompletableFuture<Mqtt5PublishResult> future, Publish publish) {}

  private final String what;
  private final MqttSinkConfig config;
  private final Function<? super T, String> topic;
  private final Function<? super T, byte[]> encoder;
  private final Mqtt5AsyncClient client;
  private final MqttClients.Reconnects reconnects;
  private final MqttQos qos;
  private final ReconnectGuard guard;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Publish> retry = new ArrayDeque<>();
  private long retried;

  /** Connects; a bad configuration fails with a message naming the setting. */
  public MqttWriter(
      String sinkName,
      MqttSinkConfig config,
      String clientId,
      Function<? super T, String> topic,
      Function<? super T, byte[]> encoder)
      throws Exception {
    this.what = "mqtt sink '" + sinkName + "' (client " + clientId + ")";
    this.config = config;
    this.topic = topic;
    this.encoder = encoder;
    this.qos = MqttQos.fromCode(config.qos());
    try {
      MqttTopic.of(config.topic());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + ": setting 'topic': '" + config.topic() + "' is not a topic name: "
              + e.getMessage(),
          e);
    }
    this.guard = new ReconnectGuard(what, config.breaker(), config.reconnect());
    this.reconnects = MqttClients.reconnects(what, config.reconnect());
    this.client = MqttClients.client(what, config.host(), config.port(), clientId, reconnects);
    var connect = client.connectWith().cleanStart(true).sessionExpiryInterval(300);
    if (config.username() != null) {
      var auth = connect.simpleAuth().username(config.username());
      if (config.password() != null) {
        auth = auth.password(config.password().getBytes(StandardCharsets.UTF_8));
      }
      connect = auth.applySimpleAuth();
    }
    MqttClients.awaitConnect(what, config.host(), config.port(), connect.send(), reconnects);
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
    send(new Publish(topic.apply(event), encoder.apply(event)));
    return true;
  }

  private void send(Publish p) {
    CompletableFuture<Mqtt5PublishResult> f;
    try {
      f =
          client
              .publishWith()
              .topic(p.topic())
              .qos(qos)
              .retain(config.retain())
              .payload(p.payload())
              .send();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    inFlight.addLast(new InFlight(f, p));
  }

  private void resend() {
    if (!retry.isEmpty() && inFlight.size() < config.maxInFlight() && guard.tryAcquire()) {
      send(retry.pollFirst()); // one trial at a time until an answer shows the broker is back
      retried++;
    }
  }

  private void poll() throws InterruptedException {
    RuntimeException fatal = reconnects.fatal();
    if (fatal != null) {
      throw fatal;
    }
    while (!inFlight.isEmpty() && inFlight.peekFirst().future().isDone()) {
      InFlight f = inFlight.pollFirst();
      Throwable error;
      try {
        error = f.future().get().getError().orElse(null);
      } catch (ExecutionException e) {
        error = e.getCause() != null ? e.getCause() : e;
      }
      if (error == null) {
        if (guard.failuresInARow() > 0) {
          guard.onSuccess();
        }
      } else {
        retry.addLast(f.publish());
        guard.onFailure(error); // throws when out of retries
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
            what + ": " + (inFlight.size() + retry.size()) + " publishes incomplete after 30 s");
      }
      Thread.sleep(1);
    }
  }

  @Override
  public void close(Throwable failure) {
    reconnects.closing();
    try {
      client.disconnect().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
