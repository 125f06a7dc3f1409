package dev.sluice.bench.core;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serializing users' types in state: one round trip (serialize, then deserialize) of a typical
 * POJO ({@code pojo}) and of a record with a nested list and map ({@code record}), with the
 * candidates for the state codec of users' types, in the same run:
 *
 * <ul>
 *   <li>{@code sluiceKryo}: {@code StateCodecs.kryo} as shipped (Kryo 5, registration required,
 *       compatible field serializer, pooled instances, length-prefixed into a DataOutput);
 *   <li>{@code kryoPlain}: Kryo 5 with its default (non-evolving) field serializer, no wrapper;
 *   <li>{@code kryoCompatible}: Kryo 5 with the compatible field serializer the codec uses, no
 *       wrapper (the difference to {@code sluiceKryo} is the codec's pooling and stream copies);
 *   <li>{@code fory} / {@code foryCompatible}: Apache Fory, registration required, schema-consistent
 *       and compatible mode;
 *   <li>{@code jacksonSmile}: Jackson with the binary Smile format;
 *   <li>{@code javaSerialization}: {@code ObjectOutputStream}.
 * </ul>
 *
 * Sizes in bytes are printed by {@code main} ({@code java -cp engine-bench/target/benchmarks.jar
 * dev.sluice.bench.core.UserTypeSerializerBench}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UserTypeSerializerBench {

  /** A typical mutable POJO (Jackson needs the no-argument constructor and accessors). */
  public static final class Order implements Serializable {
    private static final long serialVersionUID = 1L;
    private long id;
    private String customer;
    private double amount;
    private int quantity;
    private boolean express;
    private long createdMillis;
    private String status;

    public Order() {}

    Order(long id, String customer, double amount, int quantity, boolean express, long createdMillis, String status) {
      this.id = id;
      this.customer = customer;
      this.amount = amount;
      this.quantity = quantity;
      this.express = express;
      this.createdMillis = createdMillis;
      this.status = status;
    }

    public long getId() { return id; }
    public void setId(long id) { this.id = id; }
    public String getCustomer() { return customer; }
    public void setCustomer(String customer) { this.customer = customer; }
    public double getAmount() { return amount; }
    public void setAmount(double amount) { this.amount = amount; }
    public int getQuantity() { return quantity; }
    public void setQuantity(int quantity) { this.quantity = quantity; }
    public boolean isExpress() { return express; }
    public void setExpress(boolean express) { this.express = express; }
    public long getCreatedMillis() { return createdMillis; }
    public void setCreatedMillis(long createdMillis) { this.createdMillis = createdMillis; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    @Override
    public boolean equals(Object o) {
      return o instanceof Order x && x.id == id && x.customer.equals(customer) && x.amount == amount
          && x.quantity == quantity && x.express == express && x.createdMillis == createdMillis
          && x.status.equals(status);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }
  }

  /** A record with nested collections, like a window's partial aggregate. */
  public record SensorWindow(String sensor, long windowStart, List<Double> values, Map<String, Long> counts)
      implements Serializable {}

  @Param({"pojo", "record"})
  public String shape;

  Object value;
  Class<?> type;
  StateCodec<Object> sluiceKryo;
  Kryo kryoPlain;
  Kryo kryoCompatible;
  Output kryoOutput;
  Fory fory;
  Fory foryCompatible;
  ObjectMapper smile;
  ByteArrayOutputStream buffer;
  DataOutputStream dataOut;

  static Order order() {
    return new Order(123_456_789L, "customer-4711", 149.95, 3, true, 1_733_000_000_000L, "SHIPPED");
  }

  static SensorWindow window() {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      values.add(20.0 + i * 0.25);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String k : new String[] {"ok", "warn", "error", "late"}) {
      counts.put(k, (long) k.length() * 17);
    }
    return new SensorWindow("sensor-0042", 1_733_000_000_000L, values, counts);
  }

  @Setup
  @SuppressWarnings("unchecked")
  public void setup() {
    value = shape.equals("pojo") ? order() : window();
    type = value.getClass();
    sluiceKryo = (StateCodec<Object>) StateCodecs.kryo(type);
    kryoPlain = new Kryo();
    kryoPlain.setRegistrationRequired(true);
    kryoPlain.setReferences(false);
    kryoPlain.register(type);
    kryoPlain.register(ArrayList.class);
    kryoPlain.register(LinkedHashMap.class);
    kryoCompatible = new Kryo();
    kryoCompatible.setRegistrationRequired(true);
    kryoCompatible.setReferences(false);
    kryoCompatible.setDefaultSerializer(CompatibleFieldSerializer.class);
    kryoCompatible.register(type);
    kryoCompatible.register(ArrayList.class);
    kryoCompatible.register(LinkedHashMap.class);
    kryoOutput = new Output(1024, -1);
    fory = fory(false);
    foryCompatible = fory(true);
    smile = new ObjectMapper(new SmileFactory());
    buffer = new ByteArrayOutputStream(1024);
    dataOut = new DataOutputStream(buffer);
  }

  private Fory fory(boolean compatible) {
    Fory f =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .requireClassRegistration(true)
            .withRefTracking(false)
            .withCompatibleMode(compatible ? CompatibleMode.COMPATIBLE : CompatibleMode.SCHEMA_CONSISTENT)
            .build();
    f.register(type);
    return f;
  }

  byte[] sluiceKryoBytes() throws IOException {
    buffer.reset();
    sluiceKryo.encode(value, dataOut);
    return buffer.toByteArray();
  }

  @Benchmark
  public Object sluiceKryo() throws IOException {
    return sluiceKryo.decode(new DataInputStream(new ByteArrayInputStream(sluiceKryoBytes())));
  }

  byte[] kryoPlainBytes() {
    kryoOutput.reset();
    kryoPlain.writeObject(kryoOutput, value);
    return kryoOutput.toBytes();
  }

  @Benchmark
  public Object kryoPlain() {
    return kryoPlain.readObject(new Input(kryoPlainBytes()), type);
  }

  byte[] kryoCompatibleBytes() {
    kryoOutput.reset();
    kryoCompatible.writeObject(kryoOutput, value);
    return kryoOutput.toBytes();
  }

  @Benchmark
  public Object kryoCompatible() {
    return kryoCompatible.readObject(new Input(kryoCompatibleBytes()), type);
  }

  @Benchmark
  public Object fory() {
    return fory.deserialize(fory.serialize(value));
  }

  @Benchmark
  public Object foryCompatible() {
    return foryCompatible.deserialize(foryCompatible.serialize(value));
  }

  byte[] smileBytes() throws IOException {
    return smile.writeValueAsBytes(value);
  }

  @Benchmark
  public Object jacksonSmile() throws IOException {
    return smile.readValue(smileBytes(), type);
  }

  byte[] javaBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  @Benchmark
  public Object javaSerialization() throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(javaBytes()))) {
      return in.readObject();
    }
  }

  /** Prints the serialized size per candidate and checks that every one round-trips. */
  public static void main(String[] args) throws Exception {
    for (String shape : new String[] {"pojo", "record"}) {
      UserTypeSerializerBench b = new UserTypeSerializerBench();
      b.shape = shape;
      b.setup();
      check(b.sluiceKryo(), b.value);
      check(b.kryoPlain(), b.value);
      check(b.kryoCompatible(), b.value);
      check(b.fory(), b.value);
      check(b.foryCompatible(), b.value);
      check(b.jacksonSmile(), b.value);
      check(b.javaSerialization(), b.value);
      System.out.printf(
          "%-6s bytes: sluiceKryo %d, kryoPlain %d, kryoCompatible %d, fory %d, foryCompatible %d, jacksonSmile %d, javaSerialization %d%n",
          shape,
          b.sluiceKryoBytes().length,
          b.kryoPlainBytes().length,
          b.kryoCompatibleBytes().length,
          b.fory.serialize(b.value).length,
          b.foryCompatible.serialize(b.value).length,
          b.smileBytes().length,
          b.javaBytes().length);
    }
  }

  private static void check(Object back, Object value) {
    if (!Objects.equals(back, value)) {
      throw new AssertionError("round trip changed " + value + " into " + back);
    }
  }
}
