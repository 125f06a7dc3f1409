package dev.sluice.core.internal.runtime;

import java.util.function.Consumer;

/**
 * Applies a stage's error policy to a failure of user code on one event. Single-threaded: owned
 * by one link. Counts what it does on the stage's counter.
 */
final class ErrorHandler {

  /** The policy kinds. */
  enum Kind {
    FAIL,
    SKIP,
    REPLACE,
    DEAD_LETTER
  }

  /** Where dead letters go; thread-safe (shared by every stage of a job). */
  interface DeadLetterOutput {
    void send(Object event, Throwable error, String stage);
  }

  static final DeadLetterOutput NO_DEAD_LETTERS =
      (event, error, stage) -> {
        throw new IllegalStateException("no dead-letter output");
      };

  private final Kind kind;
  private final Object replacement;
  private final StageCounter counter;
  private final DeadLetterOutput deadLetters;
  private final Consumer<Throwable> onError;

  ErrorHandler(
      Kind kind,
      Object replacement,
      StageCounter counter,
      DeadLetterOutput deadLetters,
      Consumer<Throwable> onError) {
    this.kind = kind;
    this.replacement = replacement;
    this.counter = counter;
    this.deadLetters = deadLetters;
    this.onError = onError;
  }

  static ErrorHandler failing(StageCounter counter) {
    return new ErrorHandler(Kind.FAIL, null, counter, NO_DEAD_LETTERS, t -> {});
  }

  boolean isFail() {
    return kind == Kind.FAIL;
  }

  /**
   * Handles a failure on {@code event}.
   *
   * @return the event to emit instead (REPLACE), or null to emit nothing
   * @throws StageFailure under FAIL
   */
  Object onError(Object event, Throwable error) {
    if (error instanceof StageFailure sf) {
      throw sf; // a failure further down the chain is not this stage's
    }
    if (kind == Kind.FAIL) {
      throw new StageFailure(counter.stage, event, error);
    }
    counter.errors++;
    onError.accept(error);
    switch (kind) {
      case SKIP -> {
        counter.filtered++;
        return null;
      }
      case REPLACE -> {
        return replacement;
      }
      default -> {
        counter.deadLettered++;
        deadLetters.send(event, error, counter.stage);
        return null;
      }
    }
  }
}
