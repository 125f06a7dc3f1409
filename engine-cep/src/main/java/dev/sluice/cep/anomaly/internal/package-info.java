/** Implementation of anomaly detection: the keyed operator, per-key windows, forest storage. */
package dev.sluice.cep.anomaly.internal;
