package dev.sluice.bench.payloads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.payloads.opcua.BuiltinType;
import dev.sluice.payloads.opcua.DataValue;
import dev.sluice.payloads.opcua.OpcUaJsonReader;
import dev.sluice.payloads.opcua.OpcUaJsonWriter;
import dev.sluice.payloads.opcua.StatusCode;
import dev.sluice.payloads.opcua.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
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
 * <p>Peer: Jackson databind mapping the same compact bytes to and from a plain record that mirrors
 * the JSON ({@link PlainDataValue}), timestamps parsed to and formatted from {@link Instant} so the
 * peer does the same semantic work on them, but without the OPC UA rules the reader enforces (type
 * ids, ranges, Int64 strings, status symbols, unknown or duplicate fields, limits, error
 * locations). No JVM OPC UA stack on Maven Central ships a Part 6 JSON codec to compare with
 * (Eclipse Milo 1.x has binary and XML only), so the mapper is the honest lower bound.
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

  /** The peer's status object: {@code {"Code":n}}. */
  public record PlainStatus(@JsonProperty("Code") long code) {}

  /** The peer's DataValue: the compact JSON object as a record; Value is a Double or a list. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlainDataValue(
      @JsonProperty("UaType") int uaType,
      @JsonProperty("Value") Object value,
      @JsonProperty("Status") PlainStatus status,
      @JsonProperty("SourceTimestamp") String sourceTimestamp,
      @JsonProperty("ServerTimestamp") String serverTimestamp) {}

  /** What the peer's decoding yields: the record plus the two parsed timestamps. */
  public record PlainDecoded(PlainDataValue value, Instant source, Instant server) {}

  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

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
  public byte[] peerDatabindEncode() {
    DataValue dv = value;
    PlainDataValue plain =
        new PlainDataValue(
            dv.value().type().id(),
            dv.value().value(),
            new PlainStatus(dv.status().unsigned()),
            DateTimeFormatter.ISO_INSTANT.format(dv.sourceTimestamp()),
            DateTimeFormatter.ISO_INSTANT.format(dv.serverTimestamp()));
    try {
      return mapper.writeValueAsBytes(plain);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public PlainDecoded peerDatabindDecode() {
    try {
      PlainDataValue plain = mapper.readValue(compactJson, PlainDataValue.class);
      return new PlainDecoded(
          plain, Instant.parse(plain.sourceTimestamp()), Instant.parse(plain.serverTimestamp()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
