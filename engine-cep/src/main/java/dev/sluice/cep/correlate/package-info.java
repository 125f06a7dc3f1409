/**
 * Correlation of events from one or several streams by key within event-time windows ({@link
 * dev.sluice.cep.correlate.Correlation}). See docs/cep.md, "Anomaly detection and correlation".
 */
package dev.sluice.cep.correlate;
