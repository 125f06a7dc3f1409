/**
 * Sluice Kafka connector: a consumer-group source with checkpointed offsets and per-partition
 * watermarks, and a sink with idempotent or transactional (exactly-once) writes. With
 * engine-pipeline present (an optional dependency) it registers the pipeline-file source and
 * sink type {@code kafka}.
 */
module dev.sluice.connectors.kafka {
  requires transitive dev.sluice.core;
  // kafka-clients 4.3.1 declares no module name (no module-info, no Automatic-Module-Name), so on
  // the module path its automatic module name comes from the jar's file name:
  // kafka-clients-4.3.1.jar -> kafka.clients. A renamed jar does not resolve; the class path is
  // unaffected.
  requires transitive kafka.clients;
  requires static dev.sluice.pipeline;

  exports dev.sluice.connectors.kafka;

  provides dev.sluice.pipeline.StageFactory with
      dev.sluice.connectors.kafka.internal.pipeline.KafkaStages.SourceFactory,
      dev.sluice.connectors.kafka.internal.pipeline.KafkaStages.SinkFactory;
}
