package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Source;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.internal.io.TextFileSource;
import java.nio.file.Path;
import java.util.List;

/** The {@code jsonl} and {@code csv} sources: a file ({@code path}, or {@code -} for stdin). */
public abstract class FileSources implements StageFactory {
  private final TextFileSource.Format format;

  FileSources(TextFileSource.Format format) {
    this.format = format;
  }

  @Override
  public Role role() {
    return Role.SOURCE;
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    Path path = config.path("path");
    RecordSchema schema = config.schema("schema");
    boolean skip = "skip".equals(config.choice("onBadLine", "fail", List.of("fail", "skip")));
    boolean header = format == TextFileSource.Format.CSV && config.bool("header", true);
    char delimiter = ',';
    if (format == TextFileSource.Format.CSV) {
      String d = config.string("delimiter", ",");
      if (d.length() != 1 || d.equals("\"") || d.equals("\n")) {
        config.problem("delimiter", "the delimiter is one character other than a quote or newline");
      } else {
        delimiter = d.charAt(0);
      }
    }
    if (path == null || schema == null) {
      return null;
    }
    char delim = delimiter;
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return schema;
      }

      @Override
      public Source<Record> source(String name) {
        return new TextFileSource(name, path, format, schema, skip, header, delim);
      }

      @Override
      public int maxParallelism() {
        return 1;
      }

      @Override
      public String describe() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + " " + path;
      }
    };
  }

  /** JSON lines: one object per line; fields not in the schema are ignored. */
  public static final class JsonLines extends FileSources {
    /** For ServiceLoader. */
    public JsonLines() {
      super(TextFileSource.Format.JSONL);
    }

    @Override
    public String type() {
      return "jsonl";
    }

    @Override
    public String summary() {
      return "reads JSON lines from a file or stdin into records of a declared schema";
    }
  }

  /** CSV (RFC 4180), with a header naming the columns unless {@code header} is false. */
  public static final class CsvFile extends FileSources {
    /** For ServiceLoader. */
    public CsvFile() {
      super(TextFileSource.Format.CSV);
    }

    @Override
    public String type() {
      return "csv";
    }

    @Override
    public String summary() {
      return "reads CSV from a file or stdin into records of a declared schema";
    }
  }
}
