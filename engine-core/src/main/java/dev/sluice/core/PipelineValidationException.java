package dev.sluice.core;

import java.util.List;

/**
 * A pipeline cannot run as described. The message lists every problem found, each naming the
 * stage it concerns.
 */
public final class PipelineValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates the exception from one or more problems. */
  public PipelineValidationException(List<String> problems) {
    super(
        problems.size() == 1
            ? "invalid pipeline: " + problems.get(0)
            : "invalid pipeline (" + problems.size() + " problems):\n  - "
                + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its stage. */
  public List<String> problems() {
    return problems;
  }
}
