package dev.sluice.connectors.nats;

/**
 * One message read from a JetStream stream.
 *
 * @param subject the subject it was published on
 * @param data its payload (decode it with a codec, for example engine-payloads' SenML codec)
 * @param streamSequence its sequence number in the stream
 * @param timestampMillis when the stream stored it
 * @param deliveries how often it was delivered (above 1 after a redelivery)
 */
public record JetStreamMessage(
    String subject, byte[] data, long streamSequence, long timestampMillis, long deliveries) {}
