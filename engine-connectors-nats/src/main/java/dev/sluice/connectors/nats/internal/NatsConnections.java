package dev.sluice.connectors.nats.internal;

import dev.sluice.core.fault.RestartStrategy;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/** Connecting with jnats and telling a bad configuration from a passing failure. */
public final class NatsConnections {

  /** JetStream's error code for "stream not found". */
  static final int STREAM_NOT_FOUND = 10059;

  private NatsConnections() {}

  /**
   * Connects to {@code url}, reconnecting by itself with the backoff's first delay as the wait
   * and its restarts as the attempts.
   *
   * @throws IllegalArgumentException for an unparsable URL, an unknown host or refused
   *     credentials (naming the setting)
   */
  public static Connection connect(
      String what, String url, RestartStrategy reconnect, ConnectionListener listener)
      throws IOException, InterruptedException {
    URI parsed;
    try {
      parsed = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": setting 'url' is not a URL: " + url, e);
    }
    if (parsed.getHost() == null) {
      throw new IllegalArgumentException(what + ": setting 'url' has no host: " + url);
    }
    try {
      InetAddress.getByName(parsed.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          what + ": setting 'url': host '" + parsed.getHost() + "' cannot be resolved", e);
    }
    long wait = Math.max(10, reconnect.delayMillis(1, () -> 0.5));
    Options options =
        new Options.Builder()
            .server(url)
            .connectionName(what)
            .connectionTimeout(Duration.ofSeconds(5))
            .maxReconnects(reconnect.maxRestarts())
            .reconnectWait(Duration.ofMillis(wait))
            .reconnectJitter(Duration.ofMillis(wait / 5))
            .connectionListener(listener)
            .build();
    try {
      return Nats.connect(options);
    } catch (AuthenticationException e) {
      throw new IllegalArgumentException(
          what + ": setting 'url': authentication refused: " + e.getMessage(), e);
    }
  }

  /**
   * Makes sure {@code stream} exists, creating it on {@code subject} if allowed.
   *
   * @throws IllegalArgumentException when it is missing and may not be created, or its name is
   *     not valid
   */
  public static void ensureStream(
      String what, JetStreamManagement jsm, String stream, String subject, boolean create)
      throws IOException, JetStreamApiException {
    try {
      jsm.getStreamInfo(stream);
      return;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + ": setting 'stream': '" + stream + "' is not a valid stream name", e);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
    if (!create) {
      throw new IllegalArgumentException(
          what + ": setting 'stream': stream '" + stream
              + "' does not exist and createStream is false");
    }
    try {
      jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).build());
    } catch (JetStreamApiException e) {
      throw new IllegalArgumentException(
          what + ": setting 'stream'/'subject': cannot create stream '" + stream + "' on '"
              + subject + "': " + e.getMessage(),
          e);
    }
  }
}
