package dev.sluice.core.checkpoint;

/** Why a checkpoint was taken. */
public enum CheckpointKind {
  /** Taken by the runtime at its interval; the store may delete it once newer ones exist. */
  CHECKPOINT,
  /** Triggered by the user and kept until the user deletes it. */
  SAVEPOINT
}
