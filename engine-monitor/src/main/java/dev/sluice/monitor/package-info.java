/**
 * Watching a running engine: the live dashboard and the Prometheus / OpenMetrics endpoint.
 * Start both with {@link dev.sluice.monitor.Monitor#start}; {@link
 * dev.sluice.monitor.OpenMetricsExport} renders a snapshot as metric families.
 */
package dev.sluice.monitor;
