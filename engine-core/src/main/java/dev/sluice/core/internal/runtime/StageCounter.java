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
  /** Restarts of a source reader or sink writer after failures. */
  long restarts;

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

  /** Sample one event in this many (a power of two) for latency. */
  static final long SAMPLE_MASK = 63;

  StageCounter(String stage) {
    this.stage = stage;
  }

  /** True if this event (by its input count) is sampled for latency. */
  boolean sampleLatency() {
    return processing != null && (in & SAMPLE_MASK) == 0;
  }
}
