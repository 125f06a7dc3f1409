package dev.sluice.core;

import dev.sluice.core.fault.RestartStrategy;

/**
 * Immutable engine settings. Start from {@link #defaults()} and change what you need with the
 * {@code with*} methods.
 *
 * @param workerThreads cooperative worker threads (default: available processors)
 * @param maxConcurrentJobs jobs that may run at once; more wait in a queue (default 16)
 * @param maxQueuedJobs jobs that may wait; more are rejected (default 1024)
 * @param defaultQueueCapacity events an edge holds per producer/consumer pair (default 1024)
 * @param batchSize largest batch crossing a queue, and a tasklet's budget per call (default 256)
 * @param maxIdleParkMicros longest park of an idle worker (default 1000)
 * @param closeTimeoutMillis how long {@link Engine#close()} waits for threads (default 10000)
 * @param threadNamePrefix prefix of the engine's thread names (default "sluice")
 * @param metricsEnabled sample latencies, events and bytes for snapshots (default true); event
 *     counts are always kept
 * @param jobRestartStrategy how the engine restarts a failed job that has no strategy of its own
 *     ({@link JobOptions#withRestartStrategy}); default {@link RestartStrategy#none()}: a failed job
 *     ends FAILED
 */
public record EngineConfig(
    int workerThreads,
    int maxConcurrentJobs,
    int maxQueuedJobs,
    int defaultQueueCapacity,
    int batchSize,
    long maxIdleParkMicros,
    long closeTimeoutMillis,
    String threadNamePrefix,
    boolean metricsEnabled,
    RestartStrategy jobRestartStrategy) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid setting
   */
  public EngineConfig {
    require(workerThreads >= 1, "workerThreads must be >= 1, was " + workerThreads);
    require(maxConcurrentJobs >= 1, "maxConcurrentJobs must be >= 1, was " + maxConcurrentJobs);
    require(maxQueuedJobs >= 0, "maxQueuedJobs must be >= 0, was " + maxQueuedJobs);
    require(
        defaultQueueCapacity >= 1, "defaultQueueCapacity must be >= 1, was " + defaultQueueCapacity);
    require(batchSize >= 1, "batchSize must be >= 1, was " + batchSize);
    require(maxIdleParkMicros >= 1, "maxIdleParkMicros must be >= 1, was " + maxIdleParkMicros);
    require(closeTimeoutMillis >= 0, "closeTimeoutMillis must be >= 0, was " + closeTimeoutMillis);
    require(
        threadNamePrefix != null && !threadNamePrefix.isBlank(),
        "threadNamePrefix must not be blank");
    require(jobRestartStrategy != null, "jobRestartStrategy must not be null");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The defaults. */
  public static EngineConfig defaults() {
    return new EngineConfig(
        Runtime.getRuntime().availableProcessors(), 16, 1024, 1024, 256, 1000, 10_000, "sluice",
        true, RestartStrategy.none());
  }

  /** With {@code n} worker threads. */
  public EngineConfig withWorkerThreads(int n) {
    return new EngineConfig(
        n, maxConcurrentJobs, maxQueuedJobs, defaultQueueCapacity, batchSize, maxIdleParkMicros,
        closeTimeoutMillis, threadNamePrefix, metricsEnabled, jobRestartStrategy);
  }

  /** With at most {@code n} jobs running at once. */
  public EngineConfig withMaxConcurrentJobs(int n) {
    return new EngineConfig(
        workerThreads, n, maxQueuedJobs, defaultQueueCapacity, batchSize, maxIdleParkMicros,
        closeTimeoutMillis, threadNamePrefix, metricsEnabled, jobRestartStrategy);
  }

  /** With at most {@code n} jobs waiting. */
  public EngineConfig withMaxQueuedJobs(int n) {
    return new EngineConfig(
        workerThreads, maxConcurrentJobs, n, defaultQueueCapacity, batchSize, maxIdleParkMicros,
        closeTimeoutMillis, threadNamePrefix, metricsEnabled, jobRestartStrategy);
  }

  /** With edges of {@code events} capacity by default. */
  public EngineConfig withDefaultQueueCapacity(int events) {
    return new EngineConfig(
        workerThreads, maxConcurrentJobs, maxQueuedJobs, events, batchSize, maxIdleParkMicros,
        closeTimeoutMillis, threadNamePrefix, metricsEnabled, jobRestartStrategy);
  }

  /** With batches of at most {@code n} items. */
  public EngineConfig withBatchSize(int n) {
    return new EngineConfig(
        workerThreads, maxConcurrentJobs, maxQueuedJobs, defaultQueueCapacity, n,
        maxIdleParkMicros, closeTimeoutMillis, threadNamePrefix, metricsEnabled, jobRestartStrategy);
  }

  /** With latency/event/byte sampling on or off. */
  public EngineConfig withMetricsEnabled(boolean enabled) {
    return new EngineConfig(
        workerThreads, maxConcurrentJobs, maxQueuedJobs, defaultQueueCapacity, batchSize,
        maxIdleParkMicros, closeTimeoutMillis, threadNamePrefix, enabled, jobRestartStrategy);
  }

  /** With thread names starting with {@code prefix}. */
  public EngineConfig withThreadNamePrefix(String prefix) {
    return new EngineConfig(
        workerThreads, maxConcurrentJobs, maxQueuedJobs, defaultQueueCapacity, batchSize,
        maxIdleParkMicros, closeTimeoutMillis, prefix, metricsEnabled, jobRestartStrategy);
  }

  /**
   * With failed jobs restarted as {@code strategy} allows (jobs submitted with their own strategy
   * keep it). A restarted job runs again from its sources; see {@link JobStatus#RESTARTING}.
   */
  public EngineConfig withJobRestartStrategy(RestartStrategy strategy) {
    return new EngineConfig(
        workerThreads, maxConcurrentJobs, maxQueuedJobs, defaultQueueCapacity, batchSize,
        maxIdleParkMicros, closeTimeoutMillis, threadNamePrefix, metricsEnabled, strategy);
  }
}
