package dev.sluice.cli;

import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.OpcUaJsonReader;
import dev.sluice.payloads.opcua.OpcUaJsonWriter;
import dev.sluice.payloads.prometheus.ExpositionWriter;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.OpenMetricsParser;
import dev.sluice.payloads.prometheus.PrometheusTextParser;
import dev.sluice.payloads.senml.SenmlCodec;
import java.util.List;
import dev.sluice.payloads.senml.SenmlPack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The payload formats the command knows: how to decode (and validate) one document, encode it
 * in normalised form, and which generator makes it. Formats of one family convert into each
 * other.
 */
final class PayloadFormats {
  private PayloadFormats() {}

  /**
   * One format.
   *
   * @param name the {@code --format} value
   * @param family formats of one family share a model and convert into each other
   * @param decode decodes and validates; throws {@code PayloadFormatException} with the location
   * @param encode encodes a model in normalised form
   * @param describe one line about a decoded model
   * @param generator the payload generator's name
   * @param generatorOptions options that make the generator produce this format
   * @param binary whether documents are binary (written raw, not one per line)
   */
  record Format(
      String name,
      String family,
      Function<byte[], Object> decode,
      Function<Object, byte[]> encode,
      Function<Object, String> describe,
      String generator,
      Map<String, String> generatorOptions,
      boolean binary) {}

  /** Formats planned by the payloads work that are not available yet. */
  static final java.util.Set<String> PLANNED = java.util.Set.of();

  static final Map<String, Format> ALL = new LinkedHashMap<>();

  static {
    SenmlCodec json = SenmlCodec.json();
    SenmlCodec cbor = SenmlCodec.cbor();
    ALL.put("senml-json", new Format("senml-json", "senml", json::decode,
        m -> json.encode((SenmlPack) m), m -> ((SenmlPack) m).size() + " SenML record(s)",
        "senml", Map.of("format", "json"), false));
    ALL.put("senml-cbor", new Format("senml-cbor", "senml", cbor::decode,
        m -> cbor.encode((SenmlPack) m), m -> ((SenmlPack) m).size() + " SenML record(s)",
        "senml", Map.of("format", "cbor"), true));
    OpenMetricsParser om = new OpenMetricsParser();
    PrometheusTextParser prom = new PrometheusTextParser();
    ALL.put("openmetrics", new Format("openmetrics", "metrics", om::parse,
        m -> ExpositionWriter.openMetrics(families(m)), PayloadFormats::describeFamilies,
        "prometheus", Map.of("format", "openmetrics"), false));
    ALL.put("prometheus", new Format("prometheus", "metrics", prom::parse,
        m -> ExpositionWriter.prometheus(families(m)), PayloadFormats::describeFamilies,
        "prometheus", Map.of("format", "prometheus"), false));
    ALL.put("opcua-json", new Format("opcua-json", "opcua", PayloadFormats::decodeOpcUa,
        PayloadFormats::encodeOpcUa,
        m -> (m instanceof List<?> l ? l.size() : ((Map<?, ?>) m).size()) + " DataValue(s)",
        "opcua", Map.of(), false));
  }

  /** opcua-json: an object of DataValues keyed by NodeId, or an array of DataValues. */
  private static Object decodeOpcUa(byte[] b) {
    OpcUaJsonReader reader = OpcUaJsonReader.create();
    int i = 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i < b.length && b[i] == '[' ? reader.readDataValueArray(b) : reader.readDataValueObject(b);
  }

  @SuppressWarnings("unchecked")
  private static byte[] encodeOpcUa(Object m) {
    OpcUaJsonWriter w = OpcUaJsonWriter.compact();
    return m instanceof List<?> list
        ? w.writeDataValueArray((List<DataValue>) list)
        : w.writeDataValueObject((Map<String, DataValue>) m);
  }

  @SuppressWarnings("unchecked")
  private static List<MetricFamily> families(Object m) {
    return (List<MetricFamily>) m;
  }

  private static String describeFamilies(Object m) {
    List<MetricFamily> f = families(m);
    int samples = 0;
    for (MetricFamily x : f) {
      samples += x.samples().size();
    }
    return f.size() + " metric famil" + (f.size() == 1 ? "y" : "ies") + ", " + samples + " sample(s)";
  }

  /**
   * The format named {@code name}.
   *
   * @throws IllegalArgumentException naming the known formats
   */
  static Format require(String name) {
    Format f = ALL.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          PLANNED.contains(name)
              ? "format '" + name + "' is not available in this build yet; available: " + ALL.keySet()
              : "unknown format '" + name + "'; available: " + ALL.keySet());
    }
    return f;
  }
}
