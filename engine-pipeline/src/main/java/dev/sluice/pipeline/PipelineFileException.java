package dev.sluice.pipeline;

import java.util.List;

/**
 * A pipeline file is invalid: carries every {@link Problem} found, in file order. The message
 * lists them one per line.
 */
public final class PipelineFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems; unmodifiable. */
  private final transient List<Problem> problems;

  /** An exception for {@code problems}, at least one. */
  public PipelineFileException(List<Problem> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    StringBuilder b = new StringBuilder();
    b.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    for (Problem p : problems) {
      b.append(System.lineSeparator()).append(p);
    }
    return b.toString();
  }
}
