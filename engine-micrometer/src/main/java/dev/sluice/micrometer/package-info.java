/**
 * A Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder} for a Sluice engine:
 * {@link dev.sluice.micrometer.SluiceEngineMetrics}. Bind it to the registry a service already
 * uses (Spring Boot, Quarkus, a plain {@code PrometheusMeterRegistry}); meter names are listed in
 * docs/micrometer.md.
 */
package dev.sluice.micrometer;
