package dev.sluice.bench.payloads;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.payloads.senml.SenmlCodec;
import dev.sluice.payloads.senml.SenmlPack;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SenML JSON decoding of a realistic pack (50 records from the {@code senml} generator: 5
 * devices x 10 sensors, base name per device, base time, units, values): Sluice's streaming codec
 * (which also validates names, values and versions) beside Jackson databind reading the same
 * bytes into a plain Java record array with no validation, and the CBOR codec on the CBOR
 * encoding of the same pack. Throughput in packs per second; {@link #jsonBytes} gives the size
 * for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SenmlBench {

  /** The peer's target type: one plain record per SenML record, every field nullable. */
  public record PlainSenmlRecord(
      String bn, Double bt, String bu, Double bv, Double bs, Integer bver, String n, String u,
      Double v, String vs, Boolean vb, String vd, Double s, Double t, Double ut) {}

  private final SenmlCodec json = SenmlCodec.json();
  private final SenmlCodec cbor = SenmlCodec.cbor();
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private static final int RECORDS = 50;

  byte[] jsonBytes;
  byte[] cborBytes;

  @Setup
  public void setUp() {
    byte[] generated =
        PayloadGenerators.require("senml")
            .create(new GeneratorSpec(2026, 8192, Map.of("devices", "5", "sensorsPerDevice", "10")))
            .next();
    SenmlPack pack = new SenmlPack(json.decode(generated).records().subList(0, RECORDS));
    jsonBytes = json.encode(pack);
    cborBytes = cbor.encode(pack);
    System.out.printf(
        "%nSenML pack: %d records, %d bytes JSON, %d bytes CBOR%n",
        pack.size(), jsonBytes.length, cborBytes.length);
  }

  @Benchmark
  public SenmlPack sluiceStreamingJson() {
    return json.decode(jsonBytes);
  }

  @Benchmark
  public PlainSenmlRecord[] jacksonDatabindJson() throws IOException {
    return mapper.readValue(jsonBytes, PlainSenmlRecord[].class);
  }

  @Benchmark
  public SenmlPack sluiceStreamingCbor() {
    return cbor.decode(cborBytes);
  }
}
