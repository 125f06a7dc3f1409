/**
 * Sluice NATS JetStream connector: a durable pull-consumer source with acknowledgement after
 * processing, and a stream sink with publish acknowledgements, on jnats. With engine-pipeline
 * present (an optional dependency) it registers the pipeline-file source and sink type {@code
 * nats}.
 */
module dev.sluice.connectors.nats {
  requires transitive dev.sluice.core;
  // jnats declares no module-info; its manifest names the automatic module io.nats.jnats.
  requires io.nats.jnats;
  requires static dev.sluice.pipeline;

  exports dev.sluice.connectors.nats;

  provides dev.sluice.pipeline.StageFactory with
      dev.sluice.connectors.nats.internal.pipeline.NatsStages.SourceFactory,
      dev.sluice.connectors.nats.internal.pipeline.NatsStages.SinkFactory;
}
