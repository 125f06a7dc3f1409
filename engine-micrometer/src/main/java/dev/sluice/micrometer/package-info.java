/** A Micrometer MeterBinder exposing the engine's metrics. */
package dev.sluice.micrometer;
