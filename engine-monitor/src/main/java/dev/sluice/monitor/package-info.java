/** Watching a running engine: the live dashboard and the Prometheus endpoint. */
package dev.sluice.monitor;
