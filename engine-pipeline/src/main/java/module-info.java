/**
 * Sluice pipeline files: the JSON/YAML pipeline format, its validation with located problems,
 * the expression language, the stage registry filled through {@link java.util.ServiceLoader}, and
 * the built-in sources, stages and sinks behind {@code sluice run / validate / plan}.
 */
module dev.sluice.pipeline {
  requires transitive dev.sluice.core;
  requires transitive dev.sluice.windowing;
  requires dev.sluice.payloads;
  requires dev.sluice.cep;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires java.net.http;

  exports dev.sluice.pipeline;
  exports dev.sluice.pipeline.frame;

  uses dev.sluice.pipeline.StageFactory;

  provides dev.sluice.pipeline.StageFactory with
      dev.sluice.pipeline.internal.stages.FileSources.JsonLines,
      dev.sluice.pipeline.internal.stages.FileSources.CsvFile,
      dev.sluice.pipeline.internal.stages.GeneratorSource,
      dev.sluice.pipeline.internal.stages.FilterStage,
      dev.sluice.pipeline.internal.stages.MapStage,
      dev.sluice.pipeline.internal.stages.FlatMapStage,
      dev.sluice.pipeline.internal.stages.AggregateStage,
      dev.sluice.pipeline.internal.stages.WindowStage,
      dev.sluice.pipeline.internal.stages.Decoders.Senml,
      dev.sluice.pipeline.internal.stages.Decoders.Prometheus,
      dev.sluice.pipeline.internal.stages.Decoders.OpcUa,
      dev.sluice.pipeline.internal.stages.ClassStage,
      dev.sluice.pipeline.internal.stages.FileSinks.JsonLines,
      dev.sluice.pipeline.internal.stages.FileSinks.CsvFile,
      dev.sluice.pipeline.internal.stages.FileSinks.Stdout,
      dev.sluice.pipeline.internal.stages.FileSinks.Prometheus,
      dev.sluice.pipeline.internal.stages.HttpSinkFactory,
      dev.sluice.pipeline.internal.stages.JoinStages.Join,
      dev.sluice.pipeline.internal.stages.JoinStages.Enrich,
      dev.sluice.pipeline.internal.stages.AnomalyStage,
      dev.sluice.pipeline.internal.stages.PatternStage,
      dev.sluice.pipeline.internal.stages.FrameStages.Generator,
      dev.sluice.pipeline.internal.stages.FrameStages.MapChannels,
      dev.sluice.pipeline.internal.stages.FrameStages.Window,
      dev.sluice.pipeline.internal.stages.FrameStages.Records;
}
