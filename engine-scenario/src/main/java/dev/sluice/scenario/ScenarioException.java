package dev.sluice.scenario;

import java.util.List;

/**
 * A scenario document is invalid. Each problem starts with where it is: a JSON path such as
 * {@code $.latencySpike.probability}, or {@code line L, column C} for a syntax error.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates the exception from one or more problems. */
  public ScenarioException(List<String> problems) {
    super(
        problems.size() == 1
            ? "invalid scenario: " + problems.get(0)
            : "invalid scenario (" + problems.size() + " problems):\n  - "
                + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, starting with its location. */
  public List<String> problems() {
    return problems;
  }
}
