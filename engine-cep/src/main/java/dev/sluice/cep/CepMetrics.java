package dev.sluice.cep;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one CEP stage, summed over its parallel instances and over a job's attempts.
 * Written by the operator instances (each on its own thread), readable from any thread at any
 * time; reading allocates nothing.
 */
public final class CepMetrics {
  /** New counters at zero. */
  public CepMetrics() {}

  final LongAdder matches = new LongAdder();
  final LongAdder lateEvents = new LongAdder();
  final LongAdder ignoredEvents = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  final LongAdder discarded = new LongAdder();
  final LongAdder unfinishedAtEnd = new LongAdder();
  final LongAdder ruleUpdates = new LongAdder();
  final LongAdder rejectedRuleUpdates = new LongAdder();

  /** Matches emitted (before the select function, which may return null). */
  public long matches() {
    return matches.sum();
  }

  /** Events behind the watermark on arrival, sent to the late side output. */
  public long lateEvents() {
    return lateEvents.sum();
  }

  /** Events dropped on arrival because no rule could use them (every rule skip-tolerant). */
  public long ignoredEvents() {
    return ignoredEvents.sum();
  }

  /** Partial matches pruned past their time bound (sent to the timed-out side output). */
  public long timedOutPartialMatches() {
    return timedOut.sum();
  }

  /** Partial matches discarded because their rule was replaced or removed. */
  public long discardedPartialMatches() {
    return discarded.sum();
  }

  /** Partial matches of patterns without a time bound still open at the final watermark. */
  public long unfinishedAtEnd() {
    return unfinishedAtEnd.sum();
  }

  /** Rule updates applied (counted once per instance). */
  public long ruleUpdates() {
    return ruleUpdates.sum();
  }

  /**
   * Rule updates rejected (counted once per instance): an invalid pattern, or the removal of an
   * unknown rule.
   */
  public long rejectedRuleUpdates() {
    return rejectedRuleUpdates.sum();
  }

  /** Write access for the operator, which lives in another package. */
  public static final class Recorder {
    private final CepMetrics m;

    /**
     * The recorder of {@code metrics}.
     *
     * @param metrics the metrics written
     */
    public Recorder(CepMetrics metrics) {
      this.m = metrics;
    }

    /** Adds {@code n} matches. */
    public void matches(long n) {
      m.matches.add(n);
    }

    /** Adds a late event. */
    public void late() {
      m.lateEvents.increment();
    }

    /** Adds {@code n} ignored events. */
    public void ignored(long n) {
      m.ignoredEvents.add(n);
    }

    /** Adds a timed-out partial match. */
    public void timedOut() {
      m.timedOut.increment();
    }

    /** Adds {@code n} discarded partial matches. */
    public void discarded(long n) {
      m.discarded.add(n);
    }

    /** Adds {@code n} partial matches unfinished at the end. */
    public void unfinished(long n) {
      m.unfinishedAtEnd.add(n);
    }

    /** Adds an applied rule update. */
    public void ruleUpdate() {
      m.ruleUpdates.increment();
    }

    /** Adds a rejected rule update. */
    public void rejectedRuleUpdate() {
      m.rejectedRuleUpdates.increment();
    }
  }

  @Override
  public String toString() {
    return "CepMetrics{matches=" + matches() + ", late=" + lateEvents() + ", ignored="
        + ignoredEvents() + ", timedOut=" + timedOutPartialMatches() + ", discarded="
        + discardedPartialMatches() + ", unfinishedAtEnd=" + unfinishedAtEnd() + ", ruleUpdates="
        + ruleUpdates() + ", rejectedRuleUpdates=" + rejectedRuleUpdates() + "}";
  }
}
