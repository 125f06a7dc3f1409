package dev.sluice.pipeline;

/** An expression does not compile: the message says what, {@link #offset()} where. */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  /** An error at character {@code offset} (from 0) of the expression text. */
  public ExpressionException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** The character offset in the expression text, from 0. */
  public int offset() {
    return offset;
  }
}
