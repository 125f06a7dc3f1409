package dev.sluice.core;

/**
 * Event counts of one stage, summed over its parallel instances.
 *
 * <p>The accounting identity holds for every stage once its job has ended: {@code in + expanded =
 * out + sideOutput + filtered + dropped + deadLettered}. {@code in} counts every event that
 * reached the stage's input, including those its input edge dropped; {@code expanded} counts the
 * extra events a fan-out stage ({@code flatMap}, an operator emitting several results per input
 * or on watermarks) produced beyond one per input; {@code out} counts events the stage emitted
 * to its main output (for a sink: events written) and {@code sideOutput} those its operator
 * emitted to connected side outputs. {@code dropped} includes events emitted to a side output the
 * pipeline does not connect, which are also counted apart in {@code sideOutputDropped}. {@code
 * errors} counts failures of user code handled by the stage's error policy (each also appears in
 * the identity as filtered for SKIP, out for a replacement, or deadLettered). {@code
 * lateAnswers} counts answers of an async stage's calls that arrived after the call had timed
 * out: the timeout already went to the error policy, so a late answer is discarded and stands
 * outside the identity.
 *
 * @param stage the stage's name
 * @param in events that arrived at the stage (or that a source produced)
 * @param out events emitted to the main output (written, for a sink)
 * @param filtered events a filter rejected, or inputs that produced no output at all
 * @param dropped events dropped by backpressure at the stage's input, or emitted to an
 *     unconnected side output
 * @param expanded extra events produced by fan-out
 * @param deadLettered events sent to the dead-letter output
 * @param errors failures handled by the error policy
 * @param lateAnswers answers of async calls that arrived after their timeout, discarded (0 for
 *     stages other than {@code mapAsync})
 * @param sideOutput events emitted to connected side outputs
 * @param sideOutputDropped events emitted to side outputs the pipeline does not connect (part of
 *     {@code dropped})
 * @param inputs per-input counts of a stage with several inputs (two-input, broadcast); empty
 *     for other stages
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
    long lateAnswers,
    long sideOutput,
    long sideOutputDropped,
    java.util.List<InputCounts> inputs) {

  /** Copies the inputs list. */
  public StageCounts {
    inputs = java.util.List.copyOf(inputs);
  }

  /** Counts of a stage without side outputs or several inputs. */
  public StageCounts(
      String stage,
      long in,
      long out,
      long filtered,
      long dropped,
      long expanded,
      long deadLettered,
      long errors) {
    this(stage, in, out, filtered, dropped, expanded, deadLettered, errors, 0, 0, 0, java.util.List.of());
  }

  /**
   * True if {@code in + expanded == out + sideOutput + filtered + dropped + deadLettered} and,
   * for a stage with several inputs, the inputs' {@code in} add up to the stage's.
   */
  public boolean balanced() {
    if (in + expanded != out + sideOutput + filtered + dropped + deadLettered) {
      return false;
    }
    if (inputs.isEmpty()) {
      return true;
    }
    long sum = 0;
    for (InputCounts c : inputs) {
      sum += c.in();
    }
    return sum == in;
  }
}
