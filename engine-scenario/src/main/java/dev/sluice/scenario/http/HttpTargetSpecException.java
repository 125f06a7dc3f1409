package dev.sluice.scenario.http;

import java.util.List;

/** An HTTP target read from JSON is invalid; each problem starts with its JSON path. */
public final class HttpTargetSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The problems, each starting with its JSON path. */
  private final List<String> problems;

  /** Creates the exception from one or more problems. */
  public HttpTargetSpecException(List<String> problems) {
    super(problems.size() == 1
        ? "invalid HTTP target: " + problems.get(0)
        : "invalid HTTP target (" + problems.size() + " problems):\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, starting with its JSON path. */
  public List<String> problems() {
    return problems;
  }
}
