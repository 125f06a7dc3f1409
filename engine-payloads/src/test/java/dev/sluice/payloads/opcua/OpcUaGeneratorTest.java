package dev.sluice.payloads.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import dev.sluice.core.payload.PayloadGenerators;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpcUaGeneratorTest {

  private final PayloadGeneratorFactory factory = PayloadGenerators.require("opcua");
  private final OpcUaJsonReader reader = OpcUaJsonReader.create();

  @Test
  void isRegisteredUnderItsName() {
    assertThat(factory.name()).isEqualTo("opcua");
    assertThat(factory.description()).contains("OPC UA");
    assertThat(factory.create(GeneratorSpec.of(1, 256)).format()).isEqualTo("opcua-json");
  }

  @Test
  void sameSeedSameOutputDifferentSeedDifferentOutput() {
    PayloadGenerator a = factory.create(GeneratorSpec.of(42, 512));
    PayloadGenerator b = factory.create(GeneratorSpec.of(42, 512));
    PayloadGenerator c = factory.create(GeneratorSpec.of(43, 512));
    boolean anyDifferent = false;
    for (int i = 0; i < 50; i++) {
      byte[] x = a.next();
      assertThat(b.next()).isEqualTo(x);
      anyDifferent |= !Arrays.equals(x, c.next());
    }
    assertThat(anyDifferent).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 256, 1024, 4096})
  void objectLayoutDecodesAndAimsAtTheSizeTarget(int target) {
    PayloadGenerator g =
        factory.create(new GeneratorSpec(7, target, Map.of("tags", "200")));
    for (int i = 0; i < 30; i++) {
      byte[] payload = g.next();
      Map<String, DataValue> values = reader.readDataValueObject(payload);
      assertThat(values).isNotEmpty();
      if (values.size() > 1) {
        assertThat(payload.length).isLessThanOrEqualTo(target);
      }
      if (target >= 1024) {
        assertThat(payload.length).isGreaterThan(target * 3 / 4);
      }
      for (String key : values.keySet()) {
        NodeId id = NodeId.parse(key);
        assertThat(id.namespaceIndex()).isEqualTo(2);
        assertThat((String) id.identifier()).matches("Line\\d+/[A-Za-z]+\\d/[A-Za-z]+");
      }
    }
  }

  @Test
  void arrayLayoutInVerboseEncodingDecodes() {
    PayloadGenerator g =
        factory.create(
            new GeneratorSpec(3, 2048, Map.of("layout", "array", "encoding", "verbose", "tags", "8")));
    List<DataValue> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      List<DataValue> values = reader.readDataValueArray(g.next());
      assertThat(values).isNotEmpty();
      all.addAll(values);
    }
    // more values than tags: the array layout repeats tags with later timestamps
    assertThat(all.size()).isGreaterThan(8);
  }

  @Test
  void valuesStatusesAndTimestampsArePlausible() {
    PayloadGenerator g =
        factory.create(new GeneratorSpec(11, 4096, Map.of("tags", "64", "intervalMillis", "500")));
    int good = 0;
    int uncertain = 0;
    int bad = 0;
    Instant previousPeriod = Instant.MIN;
    for (int i = 0; i < 200; i++) {
      Map<String, DataValue> values = reader.readDataValueObject(g.next());
      Instant earliest = Instant.MAX;
      for (Map.Entry<String, DataValue> e : values.entrySet()) {
        DataValue dv = e.getValue();
        StatusCode s = dv.status();
        if (s.isGood()) {
          good++;
        } else if (s.isUncertain()) {
          uncertain++;
        } else {
          bad++;
          assertThat(dv.value().isNull()).isTrue();
        }
        assertThat(dv.serverTimestamp()).isAfter(dv.sourceTimestamp());
        if (dv.sourceTimestamp().isBefore(earliest)) {
          earliest = dv.sourceTimestamp();
        }
        if (s.isGood()) {
          checkPlausible(e.getKey(), dv.value());
        }
      }
      assertThat(earliest).isAfterOrEqualTo(previousPeriod);
      previousPeriod = earliest;
    }
    int total = good + uncertain + bad;
    assertThat(good).isGreaterThan(total * 85 / 100);
    assertThat(uncertain).isPositive();
    assertThat(bad).isPositive();
  }

  private static void checkPlausible(String key, Variant v) {
    if (key.endsWith("/Temperature")) {
      assertThat(v.type()).isEqualTo(BuiltinType.DOUBLE);
      assertThat((Double) v.value()).isBetween(-20.0, 260.0);
    } else if (key.endsWith("/Pressure")) {
      assertThat(v.type()).isEqualTo(BuiltinType.FLOAT);
      assertThat((Float) v.value()).isBetween(0.5f, 16f);
    } else if (key.endsWith("/PartCount")) {
      assertThat(v.type()).isEqualTo(BuiltinType.UINT32);
    } else if (key.endsWith("/Running")) {
      assertThat(v.type()).isEqualTo(BuiltinType.BOOLEAN);
    } else if (key.endsWith("/State")) {
      assertThat((Integer) v.value()).isBetween(0, 5);
    } else if (key.endsWith("/EnergyWh")) {
      assertThat(v.type()).isEqualTo(BuiltinType.INT64);
    } else if (key.endsWith("/Vibration")) {
      assertThat(v.isArray()).isTrue();
      assertThat(v.elements()).hasSize(4);
    }
  }

  @Test
  void rejectsUnknownOrInvalidOptionsNamingThem() {
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("devices", "3"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'devices'");
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("tags", "0"))))
        .hasMessageContaining("'tags' must be 1..100000");
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("layout", "csv"))))
        .hasMessageContaining("'layout'");
    assertThatThrownBy(() -> factory.create(new GeneratorSpec(1, 100, Map.of("encoding", "x"))))
        .hasMessageContaining("'encoding'");
    assertThatThrownBy(
            () -> factory.create(new GeneratorSpec(1, 100, Map.of("intervalMillis", "soon"))))
        .hasMessageContaining("'intervalMillis' must be an integer");
  }
}
