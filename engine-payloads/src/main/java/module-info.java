/**
 * Sluice payloads: SenML (RFC 8428), OPC UA (Part 6 JSON) and Prometheus / OpenMetrics models,
 * codecs, validation and generators.
 */
module dev.sluice.payloads {
  requires transitive dev.sluice.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.cbor;

  exports dev.sluice.payloads;
  exports dev.sluice.payloads.senml;
  exports dev.sluice.payloads.prometheus;
  exports dev.sluice.payloads.opcua;

  provides dev.sluice.core.payload.PayloadGeneratorFactory with
      dev.sluice.payloads.senml.internal.SenmlGeneratorFactory,
      dev.sluice.payloads.prometheus.internal.PrometheusGeneratorFactory,
      dev.sluice.payloads.opcua.internal.OpcUaGeneratorFactory;
}
