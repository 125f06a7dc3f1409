package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Stage;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.PrometheusTextParser;
import dev.sluice.payloads.prometheus.Sample;
import dev.sluice.payloads.senml.ResolvedRecord;
import dev.sluice.payloads.senml.SenmlCodec;
import dev.sluice.payloads.senml.SenmlResolver;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Payload decoders as stages: each reads a string field ({@code field}, default {@code payload})
 * holding one payload and emits one record per entry, with the input's other fields listed in
 * {@code carry} copied along. A payload that does not decode is an error of the stage (its error
 * policy decides: fail, skip or dead-letter).
 */
public abstract class Decoders implements StageFactory {

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  abstract RecordSchema entrySchema();

  /**
   * Decodes one payload with the node's {@code options} (from {@link #configure}), emitting value
   * arrays in {@link #entrySchema()} order.
   */
  abstract void decode(Object options, byte[] payload, Consumer<Object[]> out);

  /**
   * Reads the decoder's own settings of one node; null if invalid (reported). Factories are
   * shared by all nodes, so options live in what this returns, never in fields.
   */
  Object configure(StageConfig config) {
    return Boolean.TRUE;
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    Object options = configure(config);
    if (options == null) {
      return null;
    }
    String field = config.string("field", "payload");
    if (!config.checkField(config.has("field") ? config.get("field") : config.node(), field, input, FieldType.STRING)) {
      return null;
    }
    List<String> carry = config.strings("carry");
    RecordSchema.Builder b = RecordSchema.builder();
    int before = config.problemCount();
    int[] carrySlots = new int[carry.size()];
    for (int i = 0; i < carry.size(); i++) {
      if (config.checkField(config.get("carry"), carry.get(i), input)) {
        carrySlots[i] = input.slot(carry.get(i));
        b.add(carry.get(i), input.type(carrySlots[i]));
      }
    }
    RecordSchema entries = entrySchema();
    for (String n : entries.names()) {
      if (b.has(n)) {
        config.problem("carry", "'" + n + "' is a field of the decoded entries; do not carry it");
      }
    }
    if (config.problemCount() != before) {
      return null;
    }
    b.addAll(entries);
    RecordSchema out = b.build();
    int slot = input.slot(field);
    int carried = carrySlots.length;
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return out;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        return settings.applyTo(in.mapMulti((Record r, Consumer<Record> emit) -> {
          Object p = r.get(slot);
          if (p == null) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
          }
          decode(options, ((String) p).getBytes(StandardCharsets.UTF_8), values -> {
            Object[] v = new Object[out.size()];
            for (int i = 0; i < carried; i++) {
              v[i] = r.get(carrySlots[i]);
            }
            System.arraycopy(values, 0, v, carried, values.length);
            emit.accept(new Record(out, v));
          });
        }));
      }

      @Override
      public String describe() {
        return type() + " of '" + field + "' into " + out;
      }
    };
  }

  /** {@code senml-decode}: a SenML JSON pack into resolved records (RFC 8428 §4.6). */
  public static final class Senml extends Decoders {
    private static final RecordSchema ENTRY = RecordSchema.builder()
        .add("name", FieldType.STRING).add("unit", FieldType.STRING)
        .add("value", FieldType.DOUBLE).add("stringValue", FieldType.STRING)
        .add("booleanValue", FieldType.BOOLEAN).add("sum", FieldType.DOUBLE)
        .add("timeMillis", FieldType.LONG).build();
    private final SenmlCodec codec = SenmlCodec.json();

    @Override
    public String type() {
      return "senml-decode";
    }

    @Override
    public String summary() {
      return "decodes a SenML JSON pack into one record per resolved SenML record";
    }

    @Override
    RecordSchema entrySchema() {
      return ENTRY;
    }

    @Override
    void decode(Object options, byte[] payload, Consumer<Object[]> out) {
      for (ResolvedRecord r : SenmlResolver.resolveInPackOrder(codec.decode(payload), 0)) {
        out.accept(new Object[] {r.name(), r.unit(), r.value(), r.stringValue(), r.booleanValue(),
            r.sum(), (long) Math.floor(r.timeSeconds() * 1000)});
      }
    }
  }

  /**
   * {@code prometheus-decode}: Prometheus text exposition (or, with {@code "format":
   * "openmetrics"}, OpenMetrics 1.0 text) into one record per sample.
   */
  public static final class Prometheus extends Decoders {
    @Override
    Object configure(StageConfig config) {
      return "openmetrics".equals(
          config.choice("format", "prometheus", java.util.List.of("prometheus", "openmetrics")));
    }

    private static final RecordSchema ENTRY = RecordSchema.builder()
        .add("metric", FieldType.STRING).add("type", FieldType.STRING)
        .add("labels", FieldType.ANY).add("value", FieldType.DOUBLE)
        .add("timeMillis", FieldType.LONG).build();

    @Override
    public String type() {
      return "prometheus-decode";
    }

    @Override
    public String summary() {
      return "decodes Prometheus text exposition into one record per sample (labels as a map)";
    }

    @Override
    RecordSchema entrySchema() {
      return ENTRY;
    }

    private static final PrometheusTextParser LENIENT_PROMETHEUS =
        PrometheusTextParser.lenient(dev.sluice.payloads.PayloadLimits.DEFAULTS);

    @Override
    void decode(Object options, byte[] payload, Consumer<Object[]> out) {
      // a message field rarely ends in a line feed (a JSON string, an MQTT body): the lenient
      // parser accepts that and nothing else the strict one refuses
      List<MetricFamily> families = (Boolean) options
          ? new dev.sluice.payloads.prometheus.OpenMetricsParser().parse(payload)
          : LENIENT_PROMETHEUS.parse(payload);
      for (MetricFamily f : families) {
        for (Sample s : f.samples()) {
          Map<String, Object> labels = new LinkedHashMap<>();
          for (Label l : s.labels()) {
            labels.put(l.name(), l.value());
          }
          out.accept(new Object[] {s.name(), f.type().text(), labels, s.value(),
              s.timestampSeconds() == null ? null : (Object) Math.round(s.timestampSeconds() * 1000)});
        }
      }
    }
  }

  /**
   * {@code opcua-decode}: OPC UA JSON DataValues (Part 6 §5.4) — an object keyed by NodeId, or an
   * array — into one record per DataValue: the key (or array index), the Variant's built-in type,
   * a numeric {@code value} when the Variant is a numeric scalar, its {@code text} otherwise,
   * the status code and whether it is Good, and the source timestamp.
   */
  public static final class OpcUa extends Decoders {
    private static final RecordSchema ENTRY = RecordSchema.builder()
        .add("node", FieldType.STRING).add("valueType", FieldType.STRING)
        .add("value", FieldType.DOUBLE).add("text", FieldType.STRING)
        .add("status", FieldType.LONG).add("good", FieldType.BOOLEAN)
        .add("sourceTimeMillis", FieldType.LONG).build();
    private static final dev.sluice.payloads.opcua.OpcUaJsonReader READER =
        dev.sluice.payloads.opcua.OpcUaJsonReader.create();

    @Override
    public String type() {
      return "opcua-decode";
    }

    @Override
    public String summary() {
      return "decodes OPC UA JSON DataValues (object by NodeId, or array) into one record each";
    }

    @Override
    RecordSchema entrySchema() {
      return ENTRY;
    }

    @Override
    void decode(Object options, byte[] payload, Consumer<Object[]> out) {
      int i = 0;
      while (i < payload.length && Character.isWhitespace(payload[i])) {
        i++;
      }
      if (i < payload.length && payload[i] == '[') {
        int n = 0;
        for (dev.sluice.payloads.opcua.DataValue v : READER.readDataValueArray(payload)) {
          out.accept(row(String.valueOf(n++), v));
        }
      } else {
        for (Map.Entry<String, dev.sluice.payloads.opcua.DataValue> e
            : READER.readDataValueObject(payload).entrySet()) {
          out.accept(row(e.getKey(), e.getValue()));
        }
      }
    }

    private static Object[] row(String node, dev.sluice.payloads.opcua.DataValue v) {
      dev.sluice.payloads.opcua.Variant x = v.value();
      Double number = !x.isArray() && !x.isMatrix() && x.value() instanceof Number n
          ? n.doubleValue() : null;
      String text = number != null || x.isNull() ? null : String.valueOf(x.value());
      return new Object[] {node, x.type().name(), number, text,
          v.status().code() & 0xFFFF_FFFFL, v.status().isGood(),
          v.sourceTimestamp() == null ? null : (Object) v.sourceTimestamp().toEpochMilli()};
    }
  }
}
