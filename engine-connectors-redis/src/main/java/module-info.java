/**
 * Sluice Redis Streams connector: a consumer-group source with acknowledgement after processing
 * and pending-entry recovery, and an XADD sink, on Lettuce. With engine-pipeline present (an
 * optional dependency) it registers the pipeline-file source and sink type {@code redis}.
 */
module dev.sluice.connectors.redis {
  requires transitive dev.sluice.core;
  // Lettuce declares no module-info; its manifest names the automatic module lettuce.core.
  requires lettuce.core;
  requires static dev.sluice.pipeline;

  exports dev.sluice.connectors.redis;

  provides dev.sluice.pipeline.StageFactory with
      dev.sluice.connectors.redis.internal.pipeline.RedisStages.SourceFactory,
      dev.sluice.connectors.redis.internal.pipeline.RedisStages.SinkFactory;
}
