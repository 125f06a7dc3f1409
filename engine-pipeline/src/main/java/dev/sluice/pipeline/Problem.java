package dev.sluice.pipeline;

import java.util.Objects;

/**
 * One problem found in a pipeline file: where (the file, a JSON path such as {@code
 * $.stages[2].condition}, the line and column of the value, both from 1; 0 when unknown) and what.
 *
 * @param file the file name as given, or {@code <input>}
 * @param path the JSON path of the offending value
 * @param line the line, from 1, or 0 if unknown
 * @param column the column, from 1, or 0 if unknown
 * @param message what is wrong, and where it helps, what would be right
 */
public record Problem(String file, String path, int line, int column, String message) {
  /** Checks that the texts are present. */
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:column: path: message}, the form editors and terminals link to. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + path + ": " + message;
  }
}
