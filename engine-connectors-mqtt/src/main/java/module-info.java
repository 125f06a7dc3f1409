/**
 * Sluice MQTT connector: a subscribing source (QoS 0/1/2, shared subscriptions, manual
 * acknowledgement) and a publishing sink, on the HiveMQ MQTT client (MQTT 5). With
 * engine-pipeline present (an optional dependency) it registers the pipeline-file source and
 * sink type {@code mqtt}.
 */
module dev.sluice.connectors.mqtt {
  requires transitive dev.sluice.core;
  // The HiveMQ client declares no module-info; its manifest names the automatic module
  // com.hivemq.client.mqtt (Netty, RxJava 2 and Dagger come with it as automatic modules).
  requires com.hivemq.client.mqtt;
  requires static dev.sluice.pipeline;

  exports dev.sluice.connectors.mqtt;

  provides dev.sluice.pipeline.StageFactory with
      dev.sluice.connectors.mqtt.internal.pipeline.MqttStages.SourceFactory,
      dev.sluice.connectors.mqtt.internal.pipeline.MqttStages.SinkFactory;
}
