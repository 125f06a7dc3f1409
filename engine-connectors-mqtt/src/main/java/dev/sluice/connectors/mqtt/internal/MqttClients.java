package dev.sluice.connectors.mqtt.internal;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.sluice.core.fault.ReconnectGuard;
import dev.sluice.core.fault.RestartStrategy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds HiveMQ clients whose reconnects follow a {@link RestartStrategy}, and tells a bad
 * configuration from a passing failure.
 */
public final class MqttClients {

  private MqttClients() {}

  /** Reconnect policy and the failure that ended it, shared with the client's threads. */
  public static final class Reconnects {
    private final String what;
    private final RestartStrategy strategy;
    private final SplittableRandom random;
    private volatile boolean established;
    private volatile boolean closing;
    private volatile RuntimeException fatal;
    private volatile int disconnects;

    Reconnects(String what, RestartStrategy strategy) {
      this.what = what;
      this.strategy = strategy;
      this.random = new SplittableRandom(what.hashCode());
    }

    /** The failure that ended reconnecting, or null. */
    public RuntimeException fatal() {
      return fatal;
    }

    /** Connections lost so far. */
    public int disconnects() {
      return disconnects;
    }

    /** No more reconnects: the client is being closed. */
    public void closing() {
      closing = true;
    }

    void established() {
      established = true;
    }

    synchronized void onDisconnected(MqttClientDisconnectedContext context) {
      if (closing || !established || context.getSource() == MqttDisconnectSource.USER) {
        return; // the first connect reports its own failure; a close is not a loss
      }
      if (context.getReconnector().getAttempts() == 0) {
        disconnects++;
      }
      RuntimeException permanent = classify(what, context.getCause());
      if (permanent != null) {
        fatal = permanent;
        return;
      }
      long delay =
          strategy.delayMillis(context.getReconnector().getAttempts() + 1, random::nextDouble);
      if (delay < 0) {
        fatal =
            new ReconnectGuard.ConnectionLostException(
                what + ": " + context.getReconnector().getAttempts()
                    + " reconnect attempts failed (" + strategy + "); last failure: "
                    + context.getCause(),
                context.getCause());
        return;
      }
      context
          .getReconnector()
          .reconnect(true)
          .republishIfSessionExpired(true)
          .delay(delay, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A client for {@code host:port} as {@code clientId}, not connected yet.
   *
   * @throws IllegalArgumentException if the host cannot be resolved
   */
  public static Mqtt5AsyncClient client(
      String what, String host, int port, String clientId, Reconnects reconnects) {
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          what + ": setting 'host': '" + host + "' cannot be resolved", e);
    }
    return MqttClient.builder()
        .useMqttVersion5()
        .identifier(clientId)
        .serverHost(host)
        .serverPort(port)
        .addDisconnectedListener(reconnects::onDisconnected)
        .buildAsync();
  }

  /** The reconnect bookkeeping of one client. */
  public static Reconnects reconnects(String what, RestartStrategy strategy) {
    return new Reconnects(what, strategy);
  }

  /** Waits for the first connect; a refused one fails with a message naming the setting. */
  public static <R> R awaitConnect(
      String what, String host, int port, java.util.concurrent.CompletableFuture<R> connect,
      Reconnects reconnects)
      throws Exception {
    try {
      R r = connect.get(10, TimeUnit.SECONDS);
      reconnects.established();
      return r;
    } catch (ExecutionException e) {
      RuntimeException permanent = classify(what, e.getCause());
      if (permanent != null) {
        throw permanent;
      }
      throw new java.io.IOException(
          what + ": cannot connect to " + host + ":" + port + " (settings 'host'/'port'): "
              + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new java.io.IOException(
          what + ": no answer from " + host + ":" + port + " within 10 s", e);
    }
  }

  /** A configuration error for a refusal that retrying cannot cure, else null. */
  static RuntimeException classify(String what, Throwable cause) {
    if (cause instanceof Mqtt5ConnAckException c) {
      Mqtt5ConnAckReasonCode code = c.getMqttMessage().getReasonCode();
      switch (code) {
        case BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED, BAD_AUTHENTICATION_METHOD, BANNED ->
            {
              return new IllegalArgumentException(
                  what + ": settings 'username'/'password': the broker refused the connection: "
                      + code,
                  cause);
            }
        case CLIENT_IDENTIFIER_NOT_VALID -> {
          return new IllegalArgumentException(
              what + ": setting 'clientId': the broker refused it: " + code, cause);
        }
        case UNSUPPORTED_PROTOCOL_VERSION -> {
          return new IllegalArgumentException(
              what + ": the broker does not speak MQTT 5: " + code, cause);
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }
}
