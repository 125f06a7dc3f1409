package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.emission.EmissionSettings;
import dev.sluice.core.emission.EmissionSource;
import dev.sluice.core.emission.RateProfile;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code generator}: payloads of a registered payload generator ({@code synthetic}, {@code
 * senml}, {@code opcua}, {@code prometheus}, ...) as records {@code {sequence, timeMillis,
 * payload}}, {@code count} of them, as fast as the pipeline takes them or, with {@code rate}
 * (events per second), on the emission scheduler's open-loop schedule. Deterministic for a seed.
 */
public final class GeneratorSource implements StageFactory {
  static final RecordSchema SCHEMA = RecordSchema.builder()
      .add("sequence", FieldType.LONG)
      .add("timeMillis", FieldType.LONG)
      .add("payload", FieldType.STRING)
      .build();

  @Override
  public String type() {
    return "generator";
  }

  @Override
  public Role role() {
    return Role.SOURCE;
  }

  @Override
  public String summary() {
    return "payloads of a payload generator, optionally paced by the emission scheduler";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    String format = config.string("format");
    long count = config.longValue("count", 1, Long.MAX_VALUE);
    long seed = config.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
    int size = (int) config.longValue("sizeBytes", GeneratorSpec.DEFAULT_SIZE_TARGET_BYTES, 1, 1 << 20);
    double rate = config.doubleValue("rate", 0, 0, 1e9);
    long startMillis = config.longValue("startMillis", 0, 0, Long.MAX_VALUE);
    long stepMillis = config.longValue("stepMillis", 1, 0, 86_400_000);
    if (format == null) {
      return null;
    }
    PayloadGeneratorFactory factory = PayloadGenerators.find(format).orElse(null);
    if (factory == null) {
      config.problem("format", "no payload generator named '" + format + "'; available: "
          + PayloadGenerators.available().stream().map(PayloadGeneratorFactory::name).toList());
      return null;
    }
    GeneratorSpec spec = GeneratorSpec.of(seed, size);
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return SCHEMA;
      }

      @Override
      public Source<Record> source(String name) {
        if (rate > 0) {
          PayloadGenerator g = factory.create(spec);
          EmissionSettings settings = EmissionSettings.of(RateProfile.constant(rate)).withMaxEvents(count)
              .withDuration(Duration.ZERO);
          EmissionSource<byte[]> emission = new EmissionSource<>(name, settings, n -> g.next());
          return new Paced(name, emission);
        }
        return new Unpaced(name, factory, spec, count, startMillis, stepMillis);
      }

      @Override
      public int maxParallelism() {
        return 1;
      }

      @Override
      public String describe() {
        return format + " x" + count + (rate > 0 ? " at " + rate + "/s" : "");
      }
    };
  }

  private record Unpaced(String name, PayloadGeneratorFactory factory, GeneratorSpec spec, long count,
      long startMillis, long stepMillis) implements Source<Record> {
    @Override
    public SourceReader<Record> createReader(int instanceIndex, int parallelism) {
      PayloadGenerator g = factory.create(spec);
      return new SourceReader<>() {
        private long n;

        @Override
        public int read(SourceOutput<Record> out, int maxEvents) {
          if (n >= count) {
            return END;
          }
          int k = (int) Math.min(maxEvents, count - n);
          for (int i = 0; i < k; i++, n++) {
            long t = startMillis + n * stepMillis;
            out.emit(new Record(SCHEMA,
                new Object[] {n, t, new String(g.next(), StandardCharsets.UTF_8)}), t);
          }
          return k;
        }
      };
    }
  }

  /** Wraps the emission scheduler's source. */
  private record Paced(String name, EmissionSource<byte[]> emission) implements Source<Record> {
    @Override
    public boolean isBlocking() {
      return emission.isBlocking();
    }

    @Override
    public SourceReader<Record> createReader(int instanceIndex, int parallelism) throws Exception {
      SourceReader<ScheduledEvent<byte[]>> inner = emission.createReader(instanceIndex, parallelism);
      return new SourceReader<>() {
        @Override
        public int read(SourceOutput<Record> out, int maxEvents) throws Exception {
          return inner.read(new SourceOutput<>() {
            @Override
            public void emit(ScheduledEvent<byte[]> e) {
              emit(e, e.intendedEpochMillis());
            }

            @Override
            public void emit(ScheduledEvent<byte[]> e, long timestamp) {
              out.emit(new Record(SCHEMA, new Object[] {e.sequence(), e.intendedEpochMillis(),
                  new String(e.payload(), StandardCharsets.UTF_8)}), e.intendedEpochMillis());
            }
          }, maxEvents);
        }

        @Override
        public void close() throws Exception {
          inner.close();
        }
      };
    }
  }

  static List<String> formats() {
    return PayloadGenerators.available().stream().map(PayloadGeneratorFactory::name).toList();
  }
}
