/**
 * Anomaly detection per key over a window of recent values: z-score, IQR and isolation-forest
 * detectors, a detector SPI ({@link dev.sluice.cep.anomaly.Detector}), and the DSL that attaches
 * them to a keyed stage ({@link dev.sluice.cep.anomaly.AnomalyDetection}). See docs/cep.md,
 * "Anomaly detection and correlation".
 */
package dev.sluice.cep.anomaly;
