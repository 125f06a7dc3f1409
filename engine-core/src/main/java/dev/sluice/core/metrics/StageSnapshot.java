package dev.sluice.core.metrics;

import java.util.List;

/**
 * Metrics of one stage (summed over its parallel instances) at one moment.
 *
 * @param name the stage's name
 * @param in events that arrived (including those its input edge dropped)
 * @param out events emitted or written
 * @param filtered events that produced no output
 * @param dropped events dropped by backpressure, by an open circuit under {@code WhileOpen.DROP}
 *     (async stage or circuit-breaking sink), or, for the dead-letter stage, dead letters its full
 *     output dropped
 * @param deadLettered events sent to the dead-letter output
 * @param errors user-code failures handled by the error policy
 * @param restarts restarts of a source reader or sink writer
 * @param lateAnswers answers of async calls that arrived after their timeout, discarded
 * @param eventsPerSecond output rate over the last interval
 * @param bytesPerSecond byte rate over the last interval, where sizes are known (sources)
 * @param watermark the stage's current watermark, {@code Long.MIN_VALUE} before the first
 * @param eventTimeLagMillis wall-clock now minus the watermark; -1 when there is no watermark
 * @param processingLatency sampled time spent in the stage's user code per event, this interval
 * @param endToEndLatency at sinks: now minus the event's timestamp, this interval (meaningful
 *     when timestamps are wall-clock times, such as scenario emission times)
 * @param history recent throughput points, oldest first
 * @param sampledEvents a uniform sample of events read (sources), as text
 * @param sideOutput events the stage's operator emitted to connected side outputs
 * @param sideOutputDropped events emitted to side outputs the pipeline does not connect (also in
 *     {@code dropped})
 * @param inputs per-input counts of a stage with several inputs; empty for other stages
 * @param sourceLag at sources whose readers implement {@link SourceLag}: the sum of their lags
 *     (events the servers hold that were not read yet); -1 for other stages or when not known
 */
public record StageSnapshot(
    String name,
    long in,
    long out,
    long filtered,
    long dropped,
    long deadLettered,
    long errors,
    long restarts,
    long lateAnswers,
    double eventsPerSecond,
    double bytesPerSecond,
    long watermark,
    long eventTimeLagMillis,
    LatencySnapshot processingLatency,
    LatencySnapshot endToEndLatency,
    List<ThroughputPoint> history,
    List<String> sampledEvents,
    long sideOutput,
    long sideOutputDropped,
    List<dev.sluice.core.InputCounts> inputs,
    long sourceLag) {

  /** Copies the lists. */
  public StageSnapshot {
    history = List.copyOf(history);
    sampledEvents = List.copyOf(sampledEvents);
    inputs = List.copyOf(inputs);
  }

  /** A snapshot of a stage without a known source lag. */
  public StageSnapshot(
      String name,
      long in,
      long out,
      long filtered,
      long dropped,
      long deadLettered,
      long errors,
      long restarts,
      long lateAnswers,
      double eventsPerSecond,
      double bytesPerSecond,
      long watermark,
      long eventTimeLagMillis,
      LatencySnapshot processingLatency,
      LatencySnapshot endToEndLatency,
      List<ThroughputPoint> history,
      List<String> sampledEvents,
      long sideOutput,
      long sideOutputDropped,
      List<dev.sluice.core.InputCounts> inputs) {
    this(
        name, in, out, filtered, dropped, deadLettered, errors, restarts, lateAnswers,
        eventsPerSecond, bytesPerSecond, watermark, eventTimeLagMillis, processingLatency,
        endToEndLatency, history, sampledEvents, sideOutput, sideOutputDropped, inputs, -1);
  }

  /** A snapshot of a stage without late answers, side outputs or several inputs. */
  public StageSnapshot(
      String name,
      long in,
      long out,
      long filtered,
      long dropped,
      long deadLettered,
      long errors,
      long restarts,
      double eventsPerSecond,
      double bytesPerSecond,
      long watermark,
      long eventTimeLagMillis,
      LatencySnapshot processingLatency,
      LatencySnapshot endToEndLatency,
      List<ThroughputPoint> history,
      List<String> sampledEvents) {
    this(
        name, in, out, filtered, dropped, deadLettered, errors, restarts, 0, eventsPerSecond,
        bytesPerSecond, watermark, eventTimeLagMillis, processingLatency, endToEndLatency,
        history, sampledEvents, 0, 0, List.of());
  }

  /** Failures per event that arrived; 0 when none arrived. Exported to JSON as {@code errorRate}. */
  @com.fasterxml.jackson.annotation.JsonProperty("errorRate")
  public double errorRate() {
    return in == 0 ? 0 : (double) errors / in;
  }
}
