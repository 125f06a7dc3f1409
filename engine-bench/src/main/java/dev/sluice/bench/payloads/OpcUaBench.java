package dev.sluice.bench.payloads;

import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.OpcUaJsonReader;
import dev.sluice.payloads.opcua.OpcUaJsonWriter;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.Variant;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OPC UA DataValue JSON encode and decode, compact and verbose, for a scalar Double tag with an
 * Uncertain status and both timestamps (the common telemetry shape) and a Float array tag.
 *
 * <p>Run: {@code java -jar engine-bench/target/benchmarks.jar OpcUaBench -f 1 -wi 3 -i 5 -w 1s -r
 * 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpcUaBench {

  @Param({"scalar", "array"})
  public String shape;

  private DataValue value;
  private OpcUaJsonReader reader;
  private byte[] compactJson;
  private byte[] verboseJson;

  @Setup
  public void setup() {
    Variant v =
        shape.equals("scalar")
            ? Variant.ofDouble(78.25)
            : Variant.array(
                BuiltinType.FLOAT, List.of(1.25f, 1.5f, 1.75f, 2.0f, 2.25f, 2.5f, 2.75f, 3.0f));
    value =
        new DataValue(
            v,
            StatusCode.UNCERTAIN_LAST_USABLE_VALUE,
            Instant.parse("2024-05-01T12:00:00.125Z"),
            0,
            Instant.parse("2024-05-01T12:00:00.131Z"),
            0);
    reader = OpcUaJsonReader.create();
    compactJson = OpcUaJsonWriter.compact().writeDataValue(value);
    verboseJson = OpcUaJsonWriter.verbose().writeDataValue(value);
  }

  @Benchmark
  public byte[] encodeCompact() {
    return OpcUaJsonWriter.compact().writeDataValue(value);
  }

  @Benchmark
  public byte[] encodeVerbose() {
    return OpcUaJsonWriter.verbose().writeDataValue(value);
  }

  @Benchmark
  public DataValue decodeCompact() {
    return reader.readDataValue(compactJson);
  }

  @Benchmark
  public DataValue decodeVerbose() {
    return reader.readDataValue(verboseJson);
  }
}
