package dev.sluice.connectors.mqtt;

import dev.sluice.connectors.mqtt.internal.MqttWriter;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.Objects;
import java.util.function.Function;

/**
 * Publishes events to an MQTT broker (MQTT 5).
 *
 * <p><b>Threading and backpressure:</b> the writer is cooperative: publishes are asynchronous
 * and at most {@code maxInFlight} are incomplete; beyond that it refuses events and the engine
 * holds the pipeline back. {@link SinkWriter#complete()} waits (up to 30 s) for the last ones.
 *
 * <p><b>Guarantees:</b> QoS 1 and 2 publishes are at-least-once: one that fails (lost
 * connection, negative acknowledgement) is sent again after a backoff behind the circuit breaker;
 * more failures in a row than {@code reconnect} allows fail the job. (QoS 2 removes duplicates
 * between client and broker per publish, not across such a retry.) QoS 0 is at-most-once.
 *
 * @param <T> event type
 */
public final class MqttSink<T> implements Sink<T> {

  private final String name;
  private final MqttSinkConfig config;
  private final Function<? super T, String> topic;
  private final Function<? super T, byte[]> encoder;

  private MqttSink(
      String name,
      MqttSinkConfig config,
      Function<? super T, String> topic,
      Function<? super T, byte[]> encoder) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** A sink publishing {@code encoder}'s bytes on the configured topic. */
  public static <T> MqttSink<T> of(
      String name, MqttSinkConfig config, Function<? super T, byte[]> encoder) {
    String t = config.topic();
    return new MqttSink<>(name, config, e -> t, encoder);
  }

  /** A sink publishing on a topic computed per event. */
  public static <T> MqttSink<T> of(
      String name,
      MqttSinkConfig config,
      Function<? super T, String> topic,
      Function<? super T, byte[]> encoder) {
    return new MqttSink<>(name, config, topic, encoder);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) throws Exception {
    return new MqttWriter<>(name, config, config.clientId() + "-" + instanceIndex, topic, encoder);
  }
}
