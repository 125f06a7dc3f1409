package dev.sluice.cli;

import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.OpcUaJsonReader;
import dev.sluice.payloads.opcua.OpcUaJsonWriter;
import dev.sluice.payloads.prometheus.ExpositionWriter;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.OpenMetricsParser;
import dev.sluice.payloads.prometheus.PrometheusTextParser;
import dev.sluice.payloads.senml.SenmlCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.sluice.payloads.senml.SenmlPack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        m ->
            (m instanceof DataValue ? 1 : m instanceof List<?> l ? l.size() : ((Map<?, ?>) m).size())
                + " DataValue(s)",
        "opcua", Map.of(), false));
  }

  /** Member names that make an object document one DataValue rather than DataValues by key. */
  private static final Set<String> DATA_VALUE_FIELDS =
      Set.of(
          "UaType", "Value", "Dimensions", "Status", "StatusCode", "SourceTimestamp",
          "SourcePicoseconds", "SourcePicoSeconds", "ServerTimestamp", "ServerPicoseconds",
          "ServerPicoSeconds");

  /**
   * opcua-json: an array of DataValues, one DataValue (an object whose first member is a DataValue
   * field such as UaType, Value or Status), or an object of DataValues keyed by NodeId.
   */
  private static Object decodeOpcUa(byte[] b) {
    OpcUaJsonReader reader = OpcUaJsonReader.create();
    int i = skipSpace(b, 0);
    if (i < b.length && b[i] == '[') {
      return reader.readDataValueArray(b);
    }
    if (i < b.length && b[i] == '{') {
      String first = firstMemberName(b, skipSpace(b, i + 1));
      if (first != null && DATA_VALUE_FIELDS.contains(first)) {
        return reader.readDataValue(b);
      }
    }
    return reader.readDataValueObject(b);
  }

  private static int skipSpace(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The first member name if it is a plain quoted ASCII name at {@code i}, else null. */
  private static String firstMemberName(byte[] b, int i) {
    if (i >= b.length || b[i] != '"') {
      return null;
    }
    int end = i + 1;
    while (end < b.length && b[end] != '"' && b[end] != '\\' && b[end] > 0) {
      end++;
    }
    return end < b.length && b[end] == '"'
        ? new String(b, i + 1, end - i - 1, StandardCharsets.US_ASCII)
        : null;
  }

  @SuppressWarnings("unchecked")
  private static byte[] encodeOpcUa(Object m) {
    OpcUaJsonWriter w = OpcUaJsonWriter.compact();
    if (m instanceof DataValue dv) {
      return w.writeDataValue(dv);
    }
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
