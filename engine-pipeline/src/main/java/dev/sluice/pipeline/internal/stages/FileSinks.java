package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Sink;
import dev.sluice.payloads.prometheus.ExpositionWriter;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.internal.io.Csv;
import dev.sluice.pipeline.internal.io.LineFormatter;
import dev.sluice.pipeline.internal.io.RecordJson;
import dev.sluice.pipeline.internal.io.TextFileSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * File sinks: {@code jsonl}, {@code csv}, {@code stdout} (JSON lines on standard output) and
 * {@code prometheus} (text exposition). {@code order}: {@code sorted} (default for files: by
 * event time, then text, written when the input ends) or {@code arrival} (default for stdout).
 */
public abstract class FileSinks implements StageFactory {
  @Override
  public Role role() {
    return Role.SINK;
  }

  abstract boolean stdout();

  abstract Supplier<LineFormatter> formatter(StageConfig config, RecordSchema input);

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    Path path = stdout() ? Path.of("-") : config.path("path");
    boolean sorted = "sorted".equals(config.choice("order", stdout() ? "arrival" : "sorted",
        List.of("sorted", "arrival")));
    Supplier<LineFormatter> f = formatter(config, input);
    if (path == null || f == null) {
      return null;
    }
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return null;
      }

      @Override
      public Sink<Record> sink(String name) {
        return new TextFileSink(name, path, sorted, f);
      }

      @Override
      public int maxParallelism() {
        return 1;
      }

      @Override
      public String describe() {
        return type() + " " + (stdout() ? "stdout" : path.toString()) + (sorted ? " (sorted)" : "");
      }
    };
  }

  /** JSON lines. */
  public static final class JsonLines extends FileSinks {
    @Override
    public String type() {
      return "jsonl";
    }

    @Override
    public String summary() {
      return "writes JSON lines to a file (or '-' for stdout)";
    }

    @Override
    boolean stdout() {
      return false;
    }

    @Override
    Supplier<LineFormatter> formatter(StageConfig config, RecordSchema input) {
      return () -> {
        RecordJson json = new RecordJson(input);
        return json::write;
      };
    }
  }

  /** JSON lines on standard output. */
  public static final class Stdout extends FileSinks {
    @Override
    public String type() {
      return "stdout";
    }

    @Override
    public String summary() {
      return "writes JSON lines to standard output";
    }

    @Override
    boolean stdout() {
      return true;
    }

    @Override
    Supplier<LineFormatter> formatter(StageConfig config, RecordSchema input) {
      return () -> {
        RecordJson json = new RecordJson(input);
        return json::write;
      };
    }
  }

  /** CSV with a header. */
  public static final class CsvFile extends FileSinks {
    @Override
    public String type() {
      return "csv";
    }

    @Override
    public String summary() {
      return "writes CSV with a header line to a file (or '-' for stdout)";
    }

    @Override
    boolean stdout() {
      return false;
    }

    @Override
    Supplier<LineFormatter> formatter(StageConfig config, RecordSchema input) {
      boolean header = config.bool("header", true);
      return () -> {
        Csv csv = new Csv(',');
        return new LineFormatter() {
          @Override
          public String header() {
            return header ? csv.header(input) : null;
          }

          @Override
          public String format(Record r) {
            return csv.write(r);
          }
        };
      };
    }
  }

  /**
   * Prometheus text exposition: records with a string {@code metric}, a numeric {@code value}, an
   * optional long {@code timeMillis}, an optional {@code labels} map; every other string field
   * is a label too. One family (gauge unless {@code metricType} says otherwise) per metric name,
   * families and samples sorted.
   */
  public static final class Prometheus extends FileSinks {
    @Override
    public String type() {
      return "prometheus";
    }

    @Override
    public String summary() {
      return "writes Prometheus text exposition (metric, value, labels) when the input ends";
    }

    @Override
    boolean stdout() {
      return false;
    }

    @Override
    Supplier<LineFormatter> formatter(StageConfig config, RecordSchema input) {
      ConfigNodeCheck.require(config, input, "metric", FieldType.STRING);
      ConfigNodeCheck.require(config, input, "value", FieldType.DOUBLE, FieldType.LONG);
      String typeName = config.choice("metricType", "gauge", List.of("gauge", "counter", "untyped"));
      MetricType type = switch (typeName) {
        case "counter" -> MetricType.COUNTER;
        case "untyped" -> MetricType.UNKNOWN;
        default -> MetricType.GAUGE;
      };
      int metric = input.slot("metric");
      int value = input.slot("value");
      int time = input.slot("timeMillis");
      int labels = input.slot("labels");
      if (metric < 0 || value < 0) {
        return null;
      }
      List<Integer> labelFields = new ArrayList<>();
      for (int i = 0; i < input.size(); i++) {
        if (input.type(i) == FieldType.STRING && i != metric) {
          labelFields.add(i);
        }
      }
      return () -> new LineFormatter() {
        @Override
        public String format(Record r) {
          return String.valueOf(r.get(metric));
        }

        @Override
        public String document(List<Record> records) {
          Map<String, List<Sample>> byName = new TreeMap<>();
          for (Record r : records) {
            TreeMap<String, String> ls = new TreeMap<>();
            if (labels >= 0 && r.get(labels) instanceof Map<?, ?> m) {
              m.forEach((k, v) -> ls.put(String.valueOf(k), String.valueOf(v)));
            }
            for (int f : labelFields) {
              if (r.get(f) != null) {
                ls.put(input.name(f), (String) r.get(f));
              }
            }
            List<Label> l = new ArrayList<>();
            ls.forEach((k, v) -> l.add(new Label(k, v)));
            Object v = r.get(value);
            Object t = time >= 0 ? r.get(time) : null;
            String name = (String) r.get(metric);
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(name, l,
                v == null ? Double.NaN : ((Number) v).doubleValue(),
                t == null ? null : ((Number) t).doubleValue() / 1000.0, null));
          }
          List<MetricFamily> families = new ArrayList<>();
          byName.forEach((n, s) -> families.add(new MetricFamily(n, type, null, null, s)));
          return new String(ExpositionWriter.prometheus(families), StandardCharsets.UTF_8);
        }
      };
    }
  }

  /** Field checks for sinks. */
  static final class ConfigNodeCheck {
    private ConfigNodeCheck() {}

    static void require(StageConfig config, RecordSchema input, String field, FieldType... types) {
      config.checkField(config.node(), field, input, types);
    }
  }
}
