package dev.sluice.cli;

import dev.sluice.payloads.DocumentSequence;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.Variant;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.Sample;
import dev.sluice.payloads.senml.ResolvedRecord;
import dev.sluice.payloads.senml.SenmlResolver;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.function.ToIntFunction;
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
 * in normalised form, how several documents follow each other in one file, and which generator
 * makes it. Formats of one family convert into each other.
 */
final class PayloadFormats {
  private PayloadFormats() {}

  /**
   * How several documents of a format follow each other in one file (see {@link
   * DocumentSequence}).
   */
  enum Layout {
    /** JSON texts one after another, one compact document per line (JSON Lines). */
    JSON_LINES,
    /** A CBOR sequence (RFC 8742): data items back to back. */
    CBOR_SEQUENCE,
    /** OpenMetrics documents back to back, each ending with its {@code # EOF} line. */
    OPENMETRICS,
    /** Prometheus text expositions, each followed by a {@code # EOF} comment line. */
    EXPOSITION_WITH_EOF_LINES
  }

  /**
   * One format.
   *
   * @param name the {@code --format} value
   * @param family formats of one family share a model and convert into each other
   * @param decoder makes a decoder enforcing the given limits; it decodes and validates one
   *     document and throws {@code PayloadFormatException} with the location
   * @param encode encodes a model in normalised form
   * @param describe one line about the decoded models of a file
   * @param details the lines {@code validate --verbose} prints about one decoded model
   * @param generator the payload generator's name
   * @param generatorOptions options that make the generator produce this format
   * @param binary whether documents are binary (written raw, not one per line)
   * @param layout how several documents follow each other in one file
   */
  record Format(
      String name,
      String family,
      Function<PayloadLimits, Function<byte[], Object>> decoder,
      Function<Object, byte[]> encode,
      Function<List<Object>, String> describe,
      Function<Object, List<String>> details,
      String generator,
      Map<String, String> generatorOptions,
      boolean binary,
      Layout layout) {

    /** Splits a file into its documents. */
    List<DocumentSequence.Part> split(byte[] input, PayloadLimits limits) {
      return switch (layout) {
        case JSON_LINES -> DocumentSequence.json(name, input, limits);
        case CBOR_SEQUENCE -> DocumentSequence.cbor(name, input, limits);
        default -> DocumentSequence.expositions(name, input, limits);
      };
    }

    /** Writes encoded documents one after another in this format's layout. */
    byte[] join(List<byte[]> documents) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] d : documents) {
        out.writeBytes(d);
        boolean endsWithNewline = d.length > 0 && d[d.length - 1] == '\n';
        if (layout == Layout.JSON_LINES && !endsWithNewline) {
          out.write('\n');
        }
        if (layout == Layout.EXPOSITION_WITH_EOF_LINES && documents.size() > 1) {
          if (!endsWithNewline && d.length > 0) {
            out.write('\n');
          }
          out.writeBytes("# EOF\n".getBytes(StandardCharsets.US_ASCII));
        }
      }
      return out.toByteArray();
    }
  }

  /** Formats planned by the payloads work that are not available yet. */
  static final java.util.Set<String> PLANNED = java.util.Set.of();

  static final Map<String, Format> ALL = new LinkedHashMap<>();

  static {
    SenmlCodec json = SenmlCodec.json();
    SenmlCodec cbor = SenmlCodec.cbor();
    ALL.put("senml-json", new Format("senml-json", "senml",
        limits -> SenmlCodec.json(limits)::decode,
        m -> json.encode((SenmlPack) m), m -> count(m, x -> ((SenmlPack) x).size(), "SenML record(s)"),
        PayloadFormats::senmlDetails, "senml", Map.of("format", "json"), false, Layout.JSON_LINES));
    ALL.put("senml-cbor", new Format("senml-cbor", "senml",
        limits -> SenmlCodec.cbor(limits)::decode,
        m -> cbor.encode((SenmlPack) m), m -> count(m, x -> ((SenmlPack) x).size(), "SenML record(s)"),
        PayloadFormats::senmlDetails, "senml", Map.of("format", "cbor"), true,
        Layout.CBOR_SEQUENCE));
    ALL.put("openmetrics", new Format("openmetrics", "metrics",
        limits -> new OpenMetricsParser(limits)::parse,
        m -> ExpositionWriter.openMetrics(families(m)), PayloadFormats::describeFamilies,
        PayloadFormats::familyDetails, "prometheus", Map.of("format", "openmetrics"), false,
        Layout.OPENMETRICS));
    ALL.put("prometheus", new Format("prometheus", "metrics",
        limits -> new PrometheusTextParser(limits)::parse,
        m -> ExpositionWriter.prometheus(families(m)), PayloadFormats::describeFamilies,
        PayloadFormats::familyDetails, "prometheus", Map.of("format", "prometheus"), false,
        Layout.EXPOSITION_WITH_EOF_LINES));
    ALL.put("opcua-json", new Format("opcua-json", "opcua",
        limits -> b -> decodeOpcUa(OpcUaJsonReader.create(limits), b),
        PayloadFormats::encodeOpcUa,
        m -> count(m, x -> x instanceof DataValue ? 1
            : x instanceof List<?> l ? l.size() : ((Map<?, ?>) x).size(), "DataValue(s)"),
        PayloadFormats::opcUaDetails, "opcua", Map.of(), false, Layout.JSON_LINES));
  }

  /** "N thing(s)", or for several documents "D documents, N thing(s)". */
  private static String count(List<Object> models, ToIntFunction<Object> size, String what) {
    int n = 0;
    for (Object m : models) {
      n += size.applyAsInt(m);
    }
    return documents(models) + n + " " + what;
  }

  private static String documents(List<Object> models) {
    return models.size() == 1 ? "" : models.size() + " documents, ";
  }

  private static List<String> senmlDetails(Object m) {
    List<String> out = new ArrayList<>();
    for (ResolvedRecord r : SenmlResolver.resolveInPackOrder((SenmlPack) m, 0)) {
      StringBuilder sb = new StringBuilder("  ").append(r.name());
      if (r.value() != null) {
        sb.append(" v=").append(r.value());
      } else if (r.stringValue() != null) {
        sb.append(" vs=\"").append(r.stringValue()).append('"');
      } else if (r.booleanValue() != null) {
        sb.append(" vb=").append(r.booleanValue());
      } else if (r.dataValue() != null) {
        sb.append(" vd=").append(r.dataValue().length).append(" bytes");
      }
      if (r.sum() != null) {
        sb.append(" s=").append(r.sum());
      }
      if (r.unit() != null) {
        sb.append(" u=").append(r.unit());
      }
      sb.append(" t=").append(r.timeSeconds());
      out.add(sb.toString());
    }
    return out;
  }

  private static List<String> familyDetails(Object m) {
    List<String> out = new ArrayList<>();
    for (MetricFamily f : families(m)) {
      out.add("  " + f.name() + " (" + f.type().text() + "): " + f.samples().size()
          + " sample(s)");
      for (Sample s : f.samples()) {
        StringBuilder sb = new StringBuilder("    ").append(s.name());
        if (!s.labels().isEmpty()) {
          sb.append('{');
          for (int i = 0; i < s.labels().size(); i++) {
            Label l = s.labels().get(i);
            sb.append(i == 0 ? "" : ",").append(l.name()).append("=\"")
                .append(l.value().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n"))
                .append('"');
          }
          sb.append('}');
        }
        sb.append(' ').append(number(s.value()));
        if (s.timestampSeconds() != null) {
          sb.append(" @").append(number(s.timestampSeconds()));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  private static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 && v != 0 ? Long.toString((long) v)
        : Double.toString(v);
  }

  @SuppressWarnings("unchecked")
  private static List<String> opcUaDetails(Object m) {
    List<String> out = new ArrayList<>();
    if (m instanceof DataValue dv) {
      out.add("  " + describe(dv));
    } else if (m instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.add("  [" + i + "] " + describe((DataValue) list.get(i)));
      }
    } else {
      for (Map.Entry<String, DataValue> e : ((Map<String, DataValue>) m).entrySet()) {
        out.add("  " + e.getKey() + ": " + describe(e.getValue()));
      }
    }
    return out;
  }

  private static String describe(DataValue dv) {
    Variant v = dv.value();
    String value = v.isArray() || v.isMatrix() ? String.valueOf(v.elements()) : String.valueOf(v.value());
    return v.type().specName() + (v.isMatrix() ? " matrix " + v.dimensions()
        : v.isArray() ? " array" : "") + " " + value + ", status " + dv.status()
        + (dv.sourceTimestamp() != null ? ", source " + dv.sourceTimestamp() : "");
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
  private static Object decodeOpcUa(OpcUaJsonReader reader, byte[] b) {
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

  private static String describeFamilies(List<Object> models) {
    int families = 0;
    int samples = 0;
    for (Object m : models) {
      for (MetricFamily x : families(m)) {
        families++;
        samples += x.samples().size();
      }
    }
    return documents(models) + families + " metric famil" + (families == 1 ? "y" : "ies") + ", "
        + samples + " sample(s)";
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
