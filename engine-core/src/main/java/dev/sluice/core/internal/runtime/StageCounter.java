package dev.sluice.core.internal.runtime;

import dev.sluice.core.metrics.LatencyRecorder;
import dev.sluice.core.metrics.ReservoirSampler;

/**
 * Event counters of one parallel instance of one stage. Written by the single thread that runs
 * the instance with plain stores; read by others after the job ends (happens-before through the
 * job's completion) or approximately while it runs.
 */
final class StageCounter {
  final String stage;
  long in;
  long out;
  long filtered;
  long expanded;
  /** Drops counted where the stage itself drops (a push source); edge drops live in writers. */
  long dropped;
  /** Failures of user code handled by the stage's error policy (not FAIL). */
  long errors;
  /** Events sent to the dead-letter output. */
  long deadLettered;
  /** Answers of async calls that arrived after the call had timed out (discarded). */
  long lateAnswers;
  /** Restarts of a source reader or sink writer after failures. */
  long restarts;
  /** Events the stage's operator emitted to connected side outputs. */
  long sideOutput;
  /** Events emitted to side outputs the pipeline does not connect; also counted in dropped. */
  long sideOutputDropped;
  /**
   * For a stage with several inputs (two-input, broadcast): events that reached each input, by
   * ordinal (their sum is {@link #in}); null for one-input stages.
   */
  long[] inByInput;

  /**
   * True for a stage whose link counts only {@link #in} per event (a one-to-one stateless stage):
   * its output is derived, see {@link #out()}; {@link #out} stays zero.
   */
  boolean outDerived;
  /** Events on which the stage failed the job (FAIL policy): neither out nor filtered. */
  long failedEvents;

  /**
   * Events the stage emitted. For a one-to-one stage every input goes out unless it is filtered
   * (including skipped failures), dead-lettered or fails the job, so only {@link #in} is counted
   * per event.
   */
  long out() {
    return outDerived ? in - filtered - deadLettered - failedEvents : out;
  }

  /** The current reader's lag, if it reports one (sources only); read by the metrics thread. */
  volatile dev.sluice.core.metrics.SourceLag lag;

  /** Bytes of events produced, where sizes are known (sources only). */
  long bytes;
  /** The instance's last watermark; read by the metrics thread. */
  volatile long watermark = Long.MIN_VALUE;
  /** Sampled user-code time per event; shared by the stage's instances; null if metrics off. */
  LatencyRecorder processing;
  /** Sampled now-minus-timestamp at sinks; shared by instances; null if metrics off. */
  LatencyRecorder endToEnd;
  /** Uniform sample of events (sources and sinks); per instance; null if not sampled. */
  ReservoirSampler<Object> sample;

  /** Time one event on every this-many tasklet calls that process events (a power of two). */
  static final int SAMPLE_EVERY_CALLS = 16;
  /** The input count when the source last sampled an event (for byte extrapolation). */
  long lastSampledIn;

  StageCounter(String stage) {
    this.stage = stage;
  }

  /** True if metrics sampling is on for this stage instance. */
  boolean sampling() {
    return processing != null;
  }
}
