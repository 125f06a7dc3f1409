package dev.sluice.cep.join;

/**
 * Which unmatched rows a join emits besides the matched pairs.
 *
 * <p>For a windowed join "unmatched" means: no event of the other side with the same key in the
 * same window. The unmatched side is passed to the {@link JoinFunction} as {@code null}.
 */
public enum JoinType {
  /** Only matched pairs. */
  INNER,
  /** Matched pairs, and every left event without a match (right is {@code null}). */
  LEFT_OUTER,
  /** Matched pairs, and every right event without a match (left is {@code null}). */
  RIGHT_OUTER,
  /** Matched pairs, and the unmatched events of both sides. */
  FULL_OUTER;

  /** True if unmatched left events are emitted. */
  public boolean keepsUnmatchedLeft() {
    return this == LEFT_OUTER || this == FULL_OUTER;
  }

  /** True if unmatched right events are emitted. */
  public boolean keepsUnmatchedRight() {
    return this == RIGHT_OUTER || this == FULL_OUTER;
  }
}
