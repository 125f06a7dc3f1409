package dev.sluice.core;

/**
 * Event counts of one stage, summed over its parallel instances.
 *
 * <p>The accounting identity holds for every stage once its job has ended: {@code in + expanded =
 * out + filtered + dropped + deadLettered}. {@code in} counts every event that reached the
 * stage's input, including those its input edge dropped; {@code expanded} counts the extra events
 * a fan-out stage ({@code flatMap}) produced beyond one per input; {@code out} counts events the
 * stage emitted (for a sink: events written). {@code errors} counts failures of user code handled
 * by the stage's error policy (each also appears in the identity as filtered for SKIP, out for a
 * replacement, or deadLettered). {@code lateAnswers} counts answers of an async stage's calls that
 * arrived after the call had timed out: the timeout already went to the error policy, so a late
 * answer is discarded and stands outside the identity.
 *
 * @param stage the stage's name
 * @param in events that arrived at the stage (or that a source produced)
 * @param out events emitted (written, for a sink)
 * @param filtered events a filter rejected, or flatMap inputs that produced nothing
 * @param dropped events dropped by backpressure at the stage's input
 * @param expanded extra events produced by fan-out
 * @param deadLettered events sent to the dead-letter output
 * @param errors failures handled by the error policy
 * @param lateAnswers answers of async calls that arrived after their timeout, discarded (0 for
 *     stages other than {@code mapAsync})
 */
public record StageCounts(
    String stage,
    long in,
    long out,
    long filtered,
    long dropped,
    long expanded,
    long deadLettered,
    long errors,
    long lateAnswers) {

  /** Counts of a stage that has no late answers (any stage but {@code mapAsync}). */
  public StageCounts(
      String stage,
      long in,
      long out,
      long filtered,
      long dropped,
      long expanded,
      long deadLettered,
      long errors) {
    this(stage, in, out, filtered, dropped, expanded, deadLettered, errors, 0);
  }

  /** True if {@code in + expanded == out + filtered + dropped + deadLettered}. */
  public boolean balanced() {
    return in + expanded == out + filtered + dropped + deadLettered;
  }
}
