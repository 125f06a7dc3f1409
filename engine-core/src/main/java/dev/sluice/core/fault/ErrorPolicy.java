package dev.sluice.core.fault;

/**
 * What a stage does when its user code throws on an event.
 *
 * <ul>
 *   <li>{@link #FAIL} (the default) — the job fails; the failure names the stage and the event.
 *   <li>{@link #SKIP} — the event is dropped; counted in the stage's {@code errors} and {@code
 *       filtered}.
 *   <li>{@link #replaceWith(Object)} — the given default is emitted instead; counted in {@code
 *       errors} (and {@code out}).
 *   <li>{@link #DEAD_LETTER} — a {@link DeadLetter} carrying the original event, the exception
 *       and the stage goes to the stage's own dead-letter port if the pipeline connects it
 *       ({@code stage.deadLetters()}: a side output, in order with the stage's watermarks; when
 *       full, the port's edge strategy applies), else to the pipeline's dead-letter output
 *       ({@code Pipeline.deadLetters()}; when full, its {@link DeadLetterOverflow} policy
 *       applies, see {@link DeadLetterSettings}). Never to both; counted in {@code errors} and
 *       {@code deadLettered}.
 * </ul>
 *
 * <p>The stage accounting identity holds under every policy: {@code in + expanded = out +
 * sideOutput + filtered + dropped + deadLettered}. A failure of a downstream stage fused into the same chain is
 * that stage's, handled by its own policy. Immutable and thread-safe.
 */
public final class ErrorPolicy {

  /** The kinds of policy. */
  public enum Kind {
    /** Fail the job. */
    FAIL,
    /** Drop the event. */
    SKIP,
    /** Emit a default instead. */
    REPLACE,
    /** Send the event to the stage's dead-letter port, or else the pipeline's output. */
    DEAD_LETTER
  }

  /** Fail the job (the default). */
  public static final ErrorPolicy FAIL = new ErrorPolicy(Kind.FAIL, null);

  /** Drop the failing event, counted. */
  public static final ErrorPolicy SKIP = new ErrorPolicy(Kind.SKIP, null);

  /**
   * Send the failing event, as a {@link DeadLetter}, to the stage's own dead-letter port if
   * connected ({@code stage.deadLetters()}), else to the pipeline's ({@code
   * Pipeline.deadLetters()}).
   */
  public static final ErrorPolicy DEAD_LETTER = new ErrorPolicy(Kind.DEAD_LETTER, null);

  private final Kind kind;
  private final Object replacement;

  private ErrorPolicy(Kind kind, Object replacement) {
    this.kind = kind;
    this.replacement = replacement;
  }

  /**
   * Emit {@code defaultValue} in place of each event whose processing fails.
   *
   * @throws NullPointerException if {@code defaultValue} is null (null means "no event")
   */
  public static ErrorPolicy replaceWith(Object defaultValue) {
    return new ErrorPolicy(
        Kind.REPLACE, java.util.Objects.requireNonNull(defaultValue, "defaultValue"));
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The replacement of {@link Kind#REPLACE}; null otherwise. */
  public Object replacement() {
    return replacement;
  }

  @Override
  public String toString() {
    return kind == Kind.REPLACE ? "REPLACE(" + replacement + ")" : kind.name();
  }
}
