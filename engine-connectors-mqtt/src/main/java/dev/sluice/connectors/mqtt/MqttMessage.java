package dev.sluice.connectors.mqtt;

/**
 * One message received from an MQTT broker.
 *
 * @param topic the topic it was published on
 * @param payload its payload (decode it with a codec, for example engine-payloads' SenML codec)
 * @param qos the quality of service it was delivered with (0, 1 or 2)
 * @param retained true if it is a retained message sent on subscribing
 */
public record MqttMessage(String topic, byte[] payload, int qos, boolean retained) {}
