package dev.sluice.core.checkpoint;

import java.io.IOException;

/** A stored checkpoint failed verification; the message names the file and what is wrong. */
public final class CheckpointCorruptException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates it with a message naming the file and the defect. */
  public CheckpointCorruptException(String message) {
    super(message);
  }

  /** Creates it with a message naming the file and the defect, and its cause. */
  public CheckpointCorruptException(String message, Throwable cause) {
    super(message, cause);
  }
}
