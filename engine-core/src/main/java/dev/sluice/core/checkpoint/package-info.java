/**
 * Checkpoints: the store SPI, and the hooks through which sources and sinks take part in
 * consistent snapshots.
 *
 * <p>A checkpoint is a set of named parts (one per stage instance and kind of state) that the
 * runtime collects while aligned barriers flow through the job; it is handed to a {@link
 * dev.sluice.core.checkpoint.CheckpointStore} only once every part is present, and the store
 * publishes it atomically. Sources that can replay implement {@link
 * dev.sluice.core.checkpoint.CheckpointedSource}; sinks that give exactly-once output write
 * through a {@link dev.sluice.core.checkpoint.TwoPhaseCommitWriter}.
 */
package dev.sluice.core.checkpoint;
