/**
 * Sluice monitoring: a live dashboard and a Prometheus / OpenMetrics endpoint for a running
 * engine, served by the JDK's HTTP server ({@code jdk.httpserver}).
 */
module dev.sluice.monitor {
  requires transitive dev.sluice.core;
  requires transitive dev.sluice.payloads;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.sluice.monitor;
}
