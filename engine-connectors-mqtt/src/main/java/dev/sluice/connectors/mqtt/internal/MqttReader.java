package dev.sluice.connectors.mqtt.internal;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.sluice.connectors.mqtt.Acknowledge;
import dev.sluice.connectors.mqtt.MqttMessage;
import dev.sluice.connectors.mqtt.MqttSourceConfig;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointListener;
import dev.sluice.core.checkpoint.CheckpointedReader;
import dev.sluice.core.checkpoint.PendingAcknowledgements;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One subscribing client. The HiveMQ client's thread puts messages into a bounded queue; the
 * broker sends at most {@code receiveMaximum} unacknowledged QoS 1/2 messages, which the queue's
 * capacity covers. {@link #read} and the checkpoint calls run on the reader's thread.
 */
public final class MqttReader<T> implements SourceReader<T>, CheckpointedReader, CheckpointListener {

  private final String what;
  private final MqttSourceConfig config;
  private final Function<MqttMessage, ? extends T> decoder;
  private final Mqtt5AsyncClient client;
  private final MqttClients.Reconnects reconnects;
  private final ArrayBlockingQueue<Mqtt5Publish> buffer;
  private final PendingAcknowledgements<Mqtt5Publish> pendingAcks = new PendingAcknowledgements<>();
  private final AtomicLong droppedQos0 = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();
  private long ackFailures;

  /** Connects, subscribes, and fails with a configuration error naming the setting. */
  public MqttReader(
      String sourceName,
      MqttSourceConfig config,
      Function<MqttMessage, ? extends T> decoder,
      String clientId)
      throws Exception {
    this.what = "mqtt source '" + sourceName + "' (client " + clientId + ", filter "
        + config.topicFilter() + ")";
    this.config = config;
    this.decoder = decoder;
    MqttTopicFilter filter;
    try {
      filter = MqttTopicFilter.of(config.topicFilter());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + ": setting 'topicFilter': '" + config.topicFilter() + "' is malformed: "
              + e.getMessage(),
          e);
    }
    this.buffer = new ArrayBlockingQueue<>(config.bufferCapacity());
    this.reconnects = MqttClients.reconnects(what, config.reconnect());
    this.client =
        MqttClients.client(what, config.host(), config.port(), clientId, reconnects);
    // registered before connecting, for all publishes: a resumed session delivers its queued
    // and unacknowledged messages before (and whether or not) this client object subscribes
    client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, true);
    Mqtt5ConnectBuilder.Send<java.util.concurrent.CompletableFuture<
            com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>>
        connect =
            client
                .connectWith()
                .cleanStart(config.sessionExpiry().isZero())
                .sessionExpiryInterval(config.sessionExpiry().toSeconds())
                .restrictions()
                .receiveMaximum(config.receiveMaximum())
                .applyRestrictions();
    if (config.username() != null) {
      var auth = connect.simpleAuth().username(config.username());
      if (config.password() != null) {
        auth = auth.password(config.password().getBytes(StandardCharsets.UTF_8));
      }
      connect = auth.applySimpleAuth();
    }
    MqttClients.awaitConnect(what, config.host(), config.port(), connect.send(), reconnects);
    try {
      Mqtt5SubAck ack =
          client
              .subscribeWith()
              .topicFilter(filter)
              .qos(MqttQos.fromCode(config.qos()))
              .send()
              .get(10, TimeUnit.SECONDS);
      for (Mqtt5SubAckReasonCode code : ack.getReasonCodes()) {
        if (code.isError()) {
          throw new IllegalArgumentException(
              what + ": setting 'topicFilter': the broker refused the subscription: " + code);
        }
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** On the client's thread. */
  private void onPublish(Mqtt5Publish p) {
    if (!buffer.offer(p)) {
      if (p.getQos() == MqttQos.AT_MOST_ONCE) {
        droppedQos0.incrementAndGet(); // no flow control at QoS 0: counted, as the broker would
        p.acknowledge();
      } else {
        overflowed.incrementAndGet(); // not acknowledged: redelivered with the session
      }
    }
  }

  @Override
  public int read(SourceOutput<T> output, int maxEvents) throws Exception {
    RuntimeException fatal = reconnects.fatal();
    if (fatal != null) {
      throw fatal;
    }
    int n = 0;
    Mqtt5Publish p;
    while (n < maxEvents && (p = buffer.poll()) != null) {
      pendingAcks.add(p);
      output.emit(
          decoder.apply(
              new MqttMessage(
                  p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(),
                  p.isRetain())));
      n++;
    }
    if (config.acknowledge() == Acknowledge.ON_EMIT) {
      pendingAcks.drainOpen(this::ack);
    }
    return n;
  }

  private void ack(Mqtt5Publish p) {
    try {
      p.acknowledge();
    } catch (RuntimeException e) {
      ackFailures++; // e.g. the connection it came on is gone: the broker redelivers it
    }
  }

  /** Messages in the buffer now (at most its capacity). */
  public int buffered() {
    return buffer.size();
  }

  /** QoS 0 messages dropped because the buffer was full. */
  public long droppedQos0() {
    return droppedQos0.get();
  }

  /** Messages read and not acknowledged yet. */
  public int unacknowledged() {
    return pendingAcks.size();
  }

  /** Connections lost so far (each followed by reconnect attempts). */
  public int disconnects() {
    return reconnects.disconnects();
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    pendingAcks.barrier(checkpointId);
    return new byte[0];
  }

  @Override
  public void checkpointComplete(long checkpointId) {
    pendingAcks.complete(checkpointId, this::ack);
  }

  @Override
  public void close() {
    reconnects.closing();
    try {
      client.disconnect().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway; the session keeps what was not acknowledged
    }
  }
}
