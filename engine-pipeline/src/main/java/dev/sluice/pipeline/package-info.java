/**
 * Pipelines defined in files: {@link dev.sluice.pipeline.PipelineFile} loads and validates a
 * JSON or YAML pipeline file into {@link dev.sluice.core.Pipeline}s of the Java DSL; records are
 * {@link dev.sluice.pipeline.Record}s of a {@link dev.sluice.pipeline.RecordSchema} fixed at
 * validation; {@link dev.sluice.pipeline.Expression} is the expression language; {@link
 * dev.sluice.pipeline.StageFactory} and {@link dev.sluice.pipeline.StageRegistry} are the
 * plug-in SPI. See docs/pipelines.md.
 */
package dev.sluice.pipeline;
