package dev.sluice.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record into an event.
 *
 * <p><b>Threading:</b> called on the reader's thread only. <b>Failure:</b> an exception (or a
 * null result) fails the reader with a message naming the topic, partition and offset of the
 * record; the job then fails or restarts the reader as its restart strategy says, and the
 * record is read again (nothing is skipped silently).
 *
 * @param <T> event type
 */
@FunctionalInterface
public interface RecordDecoder<T> {

  /** Decodes {@code record}; never returns null. */
  T decode(ConsumerRecord<byte[], byte[]> record) throws Exception;

  /** The value as UTF-8 text (an empty string for a null value). */
  static RecordDecoder<String> valueAsString() {
    return r -> r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
  }

  /** The record itself, with its key, value, headers, partition, offset and timestamp. */
  static RecordDecoder<ConsumerRecord<byte[], byte[]>> record() {
    return r -> r;
  }
}
