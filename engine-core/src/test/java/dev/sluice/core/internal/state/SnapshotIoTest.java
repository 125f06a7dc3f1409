package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.ListStateDescriptor;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint framing of keyed and operator state snapshots, and back. */
class SnapshotIoTest {

  private static KeyedStateBackend<String> keyed() {
    KeyedStateBackend<String> b =
        new KeyedStateBackend<>(128, KeyGroups.rangeFor(0, 1, 128), StateCodecs.strings());
    var value = b.value(ValueStateDescriptor.of("count", StateCodecs.longs()));
    var map =
        b.map(new MapStateDescriptor<>("by-kind", StateCodecs.strings(), StateCodecs.ints()));
    var ns =
        b.namespaced(
            NamespacedStateDescriptor.of("windows", StateCodecs.longs(), StateCodecs.doubles()));
    for (int i = 0; i < 500; i++) {
      String k = "key-" + i;
      int g = KeyGroups.groupOf(k, 128);
      b.setCurrentKey(k, g);
      value.put(k, (long) i);
      map.put(k, "a", i);
      map.put(k, "b", -i);
      ns.put(k, (long) (i % 4), i / 2.0);
    }
    return b;
  }

  private static byte[] bytes(IoWriter w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    w.write(out);
    out.flush();
    return b.toByteArray();
  }

  interface IoWriter {
    void write(DataOutputStream out) throws IOException;
  }

  @Test
  void keyedStateOfEveryKindSurvivesTheRoundTripAndRestores() throws IOException {
    KeyedStateSnapshot s = keyed().snapshot();
    byte[] b = bytes(out -> SnapshotIo.writeKeyed(s, out));
    KeyedStateSnapshot back = SnapshotIo.readKeyed(new DataInputStream(new ByteArrayInputStream(b)));
    assertThat(back).isEqualTo(s);
    KeyedStateBackend<String> restored =
        new KeyedStateBackend<>(128, KeyGroups.rangeFor(0, 1, 128), StateCodecs.strings());
    restored.restore(List.of(back));
    var map =
        restored.map(new MapStateDescriptor<>("by-kind", StateCodecs.strings(), StateCodecs.ints()));
    assertThat(map.get("key-7", "b")).isEqualTo(-7);
    assertThat(restored.totalEntries()).isEqualTo(keyed().totalEntries());
  }

  @Test
  void listAndBroadcastStateSurviveTheRoundTrip() throws IOException {
    OperatorStateBackend o = new OperatorStateBackend(1, 3);
    o.list(new ListStateDescriptor<>("offsets", StateCodecs.longs())).update(List.of(4L, 5L, 6L));
    var bc =
        o.broadcast(new BroadcastStateDescriptor<>("rules", StateCodecs.strings(), StateCodecs.strings()));
    bc.put("r1", "x > 1");
    bc.put("r2", "y < 2");
    OperatorStateSnapshot s = o.snapshot();
    byte[] b = bytes(out -> SnapshotIo.writeOperator(s, out));
    OperatorStateSnapshot back =
        SnapshotIo.readOperator(new DataInputStream(new ByteArrayInputStream(b)));
    assertThat(back.instanceIndex()).isEqualTo(1);
    assertThat(back.parallelism()).isEqualTo(3);
    assertThat(back.stateNames()).containsExactlyInAnyOrder("offsets", "rules");
    assertThat(back.elementCount("offsets")).isEqualTo(3);
    assertThat(back.broadcastBlock("rules")).isEqualTo(s.broadcastBlock("rules"));
    assertThat(bytes(out -> SnapshotIo.writeOperator(back, out))).isEqualTo(b);
  }

  @Test
  void aTruncatedSnapshotIsRefused() throws IOException {
    KeyedStateSnapshot s = keyed().snapshot();
    byte[] b = bytes(out -> SnapshotIo.writeKeyed(s, out));
    for (int cut : new int[] {0, 1, 9, b.length / 2, b.length - 1}) {
      byte[] t = Arrays.copyOf(b, cut);
      assertThatThrownBy(() -> SnapshotIo.readKeyed(new DataInputStream(new ByteArrayInputStream(t))))
          .isInstanceOf(IOException.class);
    }
  }
}
