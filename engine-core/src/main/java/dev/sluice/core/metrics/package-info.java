/**
 * Metrics: the immutable snapshot tree (engine, job, stage, edge), latency recorders, throughput
 * history, reservoir sampling, alerts with hysteresis, the debug event log, JSON export and a
 * periodic reporter.
 */
package dev.sluice.core.metrics;
