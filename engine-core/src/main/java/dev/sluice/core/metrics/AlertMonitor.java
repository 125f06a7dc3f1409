package dev.sluice.core.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Evaluates alert rules on each new snapshot and tells listeners about transitions only: a rule
 * raised for a stage stays raised (no repeat) until its value crosses the clear threshold.
 * Buffer utilisation alerts ({@link #bufferUtilisation}) apply to edges.
 *
 * <p><b>Threading:</b> {@link #evaluate} is synchronized; listeners run on the evaluating thread.
 */
public final class AlertMonitor {
  private final List<AlertRule> rules = new CopyOnWriteArrayList<>();
  private final List<double[]> edgeRules = new CopyOnWriteArrayList<>();
  private final List<String> edgeRuleNames = new CopyOnWriteArrayList<>();
  private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> raised = new HashSet<>();

  /** Creates a monitor without rules. */
  public AlertMonitor() {}

  /** Adds a stage rule. */
  public AlertMonitor add(AlertRule rule) {
    rules.add(Objects.requireNonNull(rule, "rule"));
    return this;
  }

  /**
   * Adds an edge rule: queue utilisation (0 to 1) at or above {@code raise} raises, at or below
   * {@code clear} clears.
   */
  public AlertMonitor bufferUtilisation(String name, double raise, double clear) {
    if (clear > raise) {
      throw new IllegalArgumentException("clear must be <= raise");
    }
    edgeRules.add(new double[] {raise, clear});
    edgeRuleNames.add(name);
    return this;
  }

  /** Adds a listener. */
  public AlertMonitor onAlert(Consumer<AlertEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Evaluates every rule on {@code snapshot}; returns the transitions it caused. */
  public synchronized List<AlertEvent> evaluate(EngineSnapshot snapshot) {
    List<AlertEvent> events = new ArrayList<>();
    for (JobSnapshot job : snapshot.jobs()) {
      for (AlertRule rule : rules) {
        for (StageSnapshot stage : job.stages()) {
          if (rule.stage() != null && !rule.stage().equals(stage.name())) {
            continue;
          }
          double v = rule.metric().applyAsDouble(stage);
          boolean above = rule.direction() == AlertRule.Direction.ABOVE;
          boolean bad = above ? v >= rule.raiseAt() : v <= rule.raiseAt();
          boolean good = above ? v <= rule.clearAt() : v >= rule.clearAt();
          transition(events, rule.name(), job.name(), stage.name(), v, bad, good,
              snapshot.timeMillis());
        }
      }
      for (int i = 0; i < edgeRules.size(); i++) {
        double[] r = edgeRules.get(i);
        for (EdgeSnapshot e : job.edges()) {
          double v = e.utilisation();
          transition(events, edgeRuleNames.get(i), job.name(), e.from() + "->" + e.to(), v,
              v >= r[0], v <= r[1], snapshot.timeMillis());
        }
      }
    }
    for (AlertEvent e : events) {
      for (Consumer<AlertEvent> l : listeners) {
        l.accept(e);
      }
    }
    return events;
  }

  private void transition(
      List<AlertEvent> events, String rule, String job, String subject, double v, boolean bad,
      boolean good, long time) {
    String key = rule + '\u0000' + job + '\u0000' + subject;
    if (bad && raised.add(key)) {
      events.add(new AlertEvent(rule, job, subject, v, AlertEvent.State.RAISED, time));
    } else if (good && raised.remove(key)) {
      events.add(new AlertEvent(rule, job, subject, v, AlertEvent.State.CLEARED, time));
    }
  }
}
