package dev.sluice.core.operator;

import java.util.Objects;

/**
 * Names a side output of an operator: a second stream, beside the main output, that the
 * operator emits to through {@link OperatorContext#sideOutput(OutputTag)} and that the pipeline
 * connects with {@code stage.sideOutput(tag)} (late events, timed-out matches, rejected input).
 *
 * <p>A tag is an id and the type of its events. Two tags are equal when their ids are equal; the
 * type only lets the DSL type the connected stage and lets the runtime check, when the operator
 * opens, that what the operator emits is what the pipeline expects. For a generic event type,
 * use a record that holds it (a {@code Class} cannot carry type arguments).
 *
 * <p><b>Immutable</b> and thread-safe; create tags once, as constants, and share them between
 * the operator and the code that builds the pipeline.
 *
 * @param <T> the type of the events emitted to this side output
 */
public final class OutputTag<T> {
  private final String id;
  private final Class<T> type;

  private OutputTag(String id, Class<T> type) {
    this.id = id;
    this.type = type;
  }

  /**
   * A tag named {@code id} for events of {@code type}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static <T> OutputTag<T> of(String id, Class<T> type) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an output tag id must not be blank");
    }
    return new OutputTag<>(id, type);
  }

  /** The tag's id, unique among the side outputs of one stage. */
  public String id() {
    return id;
  }

  /** The type of the events emitted to this side output. */
  public Class<T> type() {
    return type;
  }

  /** Equal when the ids are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag<?> t && t.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "OutputTag[" + id + ": " + type.getSimpleName() + "]";
  }
}
