/**
 * Sluice CEP: pattern matching over keyed streams, anomaly detectors, correlation and joins, on
 * the core's operator SPI.
 */
module dev.sluice.cep {
  requires transitive dev.sluice.core;
  requires transitive dev.sluice.windowing;

  exports dev.sluice.cep;
  exports dev.sluice.cep.anomaly;
  exports dev.sluice.cep.correlate;
  exports dev.sluice.cep.join;
}
