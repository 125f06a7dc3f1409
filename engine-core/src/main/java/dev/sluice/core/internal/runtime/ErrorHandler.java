package dev.sluice.core.internal.runtime;

import dev.sluice.core.fault.DeadLetter;
import dev.sluice.core.fault.DeadLetterOverflow;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Applies a stage's error policy to a failure of user code on one event. Single-threaded: owned
 * by one link. Counts what it does on the stage's counter.
 *
 * <p>Under DEAD_LETTER, when the dead-letter output is full and its policy is BLOCK, the handler
 * holds the dead letter and closes its tasklet's gate, so the tasklet takes no more input; {@link
 * #flushHeld()} (called by the link's {@link Link#poll()} on every tasklet call) sends held
 * letters, oldest first, and reopens the gate once all have gone. A tasklet does not finish while
 * its gate is closed, so every counted dead letter reaches the output before the stage ends.
 */
final class ErrorHandler {

  /** The policy kinds. */
  enum Kind {
    FAIL,
    SKIP,
    REPLACE,
    DEAD_LETTER
  }

  private final Kind kind;
  private final Object replacement;
  private final StageCounter counter;
  private final DeadLetterChannel deadLetters;
  private final Consumer<Throwable> onError;
  /** The tasklet's gate; closed while dead letters are held (BLOCK). Null if never needed. */
  private final Gate gate;
  /**
   * The stage's own dead-letter port (a side port), or null: when the pipeline connects {@code
   * stage.deadLetters()}, dead letters go there, in order with the stage's data, instead of to
   * the pipeline-wide channel. A full port spills and closes the tasklet's gate, as any side port.
   */
  private final Link port;
  /** Dead letters waiting for room in a full output (BLOCK); null unless it can happen. */
  private final ArrayDeque<DeadLetter> held;
  private boolean gateClosed;

  ErrorHandler(
      Kind kind,
      Object replacement,
      StageCounter counter,
      DeadLetterChannel deadLetters,
      Gate gate,
      Consumer<Throwable> onError) {
    this(kind, replacement, counter, deadLetters, gate, null, onError);
  }

  /**
   * @param port the stage's own dead-letter port, or null to send to {@code deadLetters}
   */
  ErrorHandler(
      Kind kind,
      Object replacement,
      StageCounter counter,
      DeadLetterChannel deadLetters,
      Gate gate,
      Link port,
      Consumer<Throwable> onError) {
    this.kind = kind;
    this.replacement = replacement;
    this.counter = counter;
    this.deadLetters = deadLetters;
    this.onError = onError;
    this.port = kind == Kind.DEAD_LETTER ? port : null;
    boolean mayHold =
        kind == Kind.DEAD_LETTER
            && port == null
            && deadLetters.whenFull() == DeadLetterOverflow.BLOCK;
    this.gate = mayHold ? gate : null;
    this.held = mayHold ? new ArrayDeque<>() : null;
  }

  static ErrorHandler failing(StageCounter counter) {
    return new ErrorHandler(Kind.FAIL, null, counter, null, null, t -> {});
  }

  boolean isFail() {
    return kind == Kind.FAIL;
  }

  /** True if this handler may hold dead letters that {@link #flushHeld()} must send. */
  boolean mayHoldDeadLetters() {
    return held != null;
  }

  /**
   * Handles a failure on {@code event}.
   *
   * @return the event to emit instead (REPLACE), or null to emit nothing
   * @throws StageFailure under FAIL, or when the dead-letter output is full under its FAIL policy
   */
  Object onError(Object event, Throwable error) {
    return onError(event, dev.sluice.core.Timestamps.NONE, error);
  }

  /**
   * Handles a failure on {@code event}, whose timestamp is {@code timestamp} (what a dead letter
   * carries on the stage's own dead-letter port).
   *
   * @return the event to emit instead (REPLACE), or null to emit nothing
   * @throws StageFailure under FAIL, or when the dead-letter output is full under its FAIL policy
   */
  Object onError(Object event, long timestamp, Throwable error) {
    if (error instanceof StageFailure sf) {
      throw sf; // a failure further down the chain is not this stage's
    }
    if (kind == Kind.FAIL) {
      throw new StageFailure(counter.stage, event, error);
    }
    switch (kind) {
      case SKIP -> {
        counter.errors++;
        onError.accept(error);
        counter.filtered++;
        return null;
      }
      case REPLACE -> {
        counter.errors++;
        onError.accept(error);
        return replacement;
      }
      default -> {
        sendDeadLetter(event, timestamp, error);
        counter.errors++;
        onError.accept(error);
        counter.deadLettered++;
        return null;
      }
    }
  }

  private void sendDeadLetter(Object event, long timestamp, Throwable error) {
    DeadLetter d = deadLetters.letter(event, error, counter.stage);
    Link p = port;
    if (p != null) {
      p.onEvent(d, timestamp); // spills when full; the gate then stops the tasklet's input
      p.syncGate();
      return;
    }
    if (held != null && !held.isEmpty()) {
      held.addLast(d); // behind those already waiting, in order
      return;
    }
    if (deadLetters.offer(d)) {
      return;
    }
    if (held != null) {
      held.addLast(d);
      gateClosed = true;
      gate.closedBy++; // the tasklet takes no input until the output has room
      return;
    }
    IllegalStateException full =
        new IllegalStateException(
            "the dead-letter output is full (capacity " + deadLetters.capacity()
                + ", DeadLetterOverflow.FAIL): stage '" + counter.stage
                + "' could not send a dead letter");
    full.addSuppressed(error);
    throw new StageFailure(counter.stage, event, full);
  }

  /**
   * Sends held dead letters while the output has room; reopens the gate when none is left.
   *
   * @return true if it sent any
   */
  boolean flushHeld() {
    if (held == null || held.isEmpty()) {
      return false;
    }
    boolean sent = false;
    DeadLetter d;
    while ((d = held.peekFirst()) != null && deadLetters.offer(d)) {
      held.pollFirst();
      sent = true;
    }
    if (held.isEmpty() && gateClosed) {
      gateClosed = false;
      gate.closedBy--;
    }
    return sent;
  }
}
