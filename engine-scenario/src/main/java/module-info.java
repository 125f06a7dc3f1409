/**
 * Sluice scenarios: load runs against external targets. This module-info exports the HTTP target
 * and journey packages ({@code dev.sluice.scenario.http}, {@code dev.sluice.scenario.journey});
 * their {@code internal} packages stay closed.
 */
module dev.sluice.scenario {
  requires transitive dev.sluice.core;
  requires transitive java.net.http; // HttpClient.Version in HttpTargetSpec
  requires transitive com.fasterxml.jackson.databind; // JsonNode in HttpTargetSpecJson
  // HdrHistogram has no module name of its own; its automatic name comes from the jar's file
  // name (see engine-core's module-info)
  requires HdrHistogram;

  exports dev.sluice.scenario.http;
  exports dev.sluice.scenario.journey;
}
