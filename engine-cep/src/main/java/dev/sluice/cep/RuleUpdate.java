package dev.sluice.cep;

import java.io.Serializable;
import java.util.Objects;

/**
 * A change to the rules of a CEP stage, sent on its control stream (broadcast to every
 * instance) or through a {@link CepRules} handle. {@link #put} adds a rule or replaces the rule
 * with the same id; {@link #remove} removes it. Partial matches of a replaced or removed rule are
 * discarded (and counted in {@link CepMetrics#discardedPartialMatches()}); the other rules and
 * their partial matches are untouched. Immutable.
 *
 * @param kind put or remove
 * @param ruleId the rule id, not blank
 * @param pattern the new pattern ({@code PUT}), or null ({@code REMOVE})
 * @param <T> the event type
 */
public record RuleUpdate<T>(Kind kind, String ruleId, Pattern<T> pattern) implements Serializable {

  /** What the update does. */
  public enum Kind {
    /** Adds or replaces a rule. */
    PUT,
    /** Removes a rule. */
    REMOVE
  }

  /** Checks the components. */
  public RuleUpdate {
    Objects.requireNonNull(kind, "kind");
    PatternStep.checkName(ruleId);
    if ((kind == Kind.PUT) != (pattern != null)) {
      throw new IllegalArgumentException(
          "rule update " + kind + " '" + ruleId + "': a pattern is required for PUT only");
    }
  }

  /**
   * Adds rule {@code ruleId}, or replaces it.
   *
   * @param ruleId the id
   * @param pattern the pattern
   * @param <T> the event type
   * @return the update
   */
  public static <T> RuleUpdate<T> put(String ruleId, Pattern<T> pattern) {
    return new RuleUpdate<>(Kind.PUT, ruleId, Objects.requireNonNull(pattern, "pattern"));
  }

  /**
   * Removes rule {@code ruleId} (an unknown id is counted and ignored).
   *
   * @param ruleId the id
   * @param <T> the event type
   * @return the update
   */
  public static <T> RuleUpdate<T> remove(String ruleId) {
    return new RuleUpdate<>(Kind.REMOVE, ruleId, null);
  }
}
