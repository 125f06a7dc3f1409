package dev.sluice.connectors.redis;

import java.util.Map;

/**
 * One entry read from a Redis stream.
 *
 * @param stream the stream's key
 * @param id the entry's id ({@code <millis>-<sequence>})
 * @param fields the entry's fields and their values, in stream order; values are raw bytes (decode
 *     them with a codec, for example engine-payloads' SenML codec)
 */
public record RedisStreamEntry(String stream, String id, Map<String, byte[]> fields) {

  /** The value of {@code field}, or null if the entry has none. */
  public byte[] field(String field) {
    return fields.get(field);
  }

  /** The millisecond part of the id: when Redis added the entry (unless the id was explicit). */
  public long idMillis() {
    int dash = id.indexOf('-');
    return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
  }
}
