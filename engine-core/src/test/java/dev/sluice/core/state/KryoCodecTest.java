package dev.sluice.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KryoCodecTest {

  /** A user's class: private fields, no no-argument constructor, a nested class and a list. */
  static final class Account {
    private final String owner;
    private long balanceCents;
    private Address address;
    private List<String> tags;

    Account(String owner, long balanceCents, Address address, List<String> tags) {
      this.owner = owner;
      this.balanceCents = balanceCents;
      this.address = address;
      this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account a
          && a.owner.equals(owner)
          && a.balanceCents == balanceCents
          && Objects.equals(a.address, address)
          && Objects.equals(a.tags, tags);
    }

    @Override
    public int hashCode() {
      return owner.hashCode();
    }

    @Override
    public String toString() {
      return owner + "/" + balanceCents + "/" + address + "/" + tags;
    }
  }

  record Address(String city, int zip) {}

  record Window(String sensor, long start, List<Double> values, Map<String, Long> counts, UUID run) {}

  static <T> byte[] encode(StateCodec<T> codec, T value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.encode(value, new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  static <T> T decode(StateCodec<T> codec, byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    T value = codec.decode(in);
    assertThat(in.available()).as("bytes left after decoding").isZero();
    return value;
  }

  @Test
  void classesWithoutANoArgumentConstructorRoundTrip() throws IOException {
    StateCodec<Account> codec = StateCodecs.kryo(Account.class, Address.class);
    Account a = new Account("ann", 12_345, new Address("Oslo", 150), new ArrayList<>(List.of("x", "y")));
    assertThat(decode(codec, encode(codec, a))).isEqualTo(a);
    Account nulls = new Account("bob", -1, null, null);
    assertThat(decode(codec, encode(codec, nulls))).isEqualTo(nulls);
  }

  @Test
  void recordsWithNestedCollectionsRoundTrip() throws IOException {
    StateCodec<Window> codec = StateCodecs.kryo(Window.class);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("a", 1L);
    counts.put("b", 2L);
    Window w = new Window("s1", 1000, new ArrayList<>(List.of(1.5, -0.0, Double.NaN)), counts, UUID.randomUUID());
    Window back = decode(codec, encode(codec, w));
    assertThat(back).isEqualTo(w);
    assertThat(back.counts()).isInstanceOf(LinkedHashMap.class).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    Window immutable = new Window("s2", 0, List.of(1.0, 2.0), Map.of("k", 9L), new UUID(1, 2));
    assertThat(decode(codec, encode(codec, immutable))).isEqualTo(immutable);
  }

  @Test
  void theSameValueGivesTheSameBytes() throws IOException {
    StateCodec<Window> one = StateCodecs.kryo(Window.class);
    StateCodec<Window> two = StateCodecs.kryo(Window.class);
    Window w = new Window("s", 5, new ArrayList<>(List.of(1.0)), new HashMap<>(Map.of("k", 1L)), new UUID(3, 4));
    assertThat(encode(one, w)).isEqualTo(encode(two, w)).isEqualTo(encode(one, w));
    assertThat(one).isEqualTo(two);
    assertThat(one.formatId()).isEqualTo("kryo5<" + Window.class.getName() + ">");
  }

  @Test
  void anUnregisteredClassIsNamedWhenEncoding() {
    StateCodec<Account> codec = StateCodecs.kryo(Account.class);
    Account a = new Account("ann", 1, new Address("Oslo", 150), null);
    assertThatThrownBy(() -> encode(codec, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the Kryo state codec of " + Account.class.getName())
        .hasMessageContaining("cannot write a " + Address.class.getName())
        .hasMessageContaining("it is not registered; list it in StateCodecs.kryo(Account.class, ...)");
  }

  @Test
  void bytesNamingAClassThatIsNotRegisteredAreRefused() throws IOException {
    // a value holding an Address as an Object, written by a codec that registers it
    StateCodec<Holder> writer = StateCodecs.kryo(Holder.class, Address.class);
    byte[] bytes = encode(writer, new Holder(new Address("Rome", 1)));
    StateCodec<Holder> reader = StateCodecs.kryo(Holder.class);
    // the field's bytes are skipped as unknown; the decoder never resolves the class
    assertThatThrownBy(() -> decode(reader, bytes))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the Kryo state codec of " + Holder.class.getName() + " cannot read");
  }

  static final class Holder {
    Object payload;

    Holder(Object payload) {
      this.payload = payload;
    }
  }

  /** Version 1 of a user's class. */
  static final class PointV1 {
    int x;
    int y;
    String label;
  }

  /** Version 2: {@code label} removed, {@code z} added. */
  static final class PointV2 {
    int x;
    int y;
    long z = 7;
  }

  @Test
  void classesMayGainAndLoseFields() throws IOException {
    PointV1 v1 = new PointV1();
    v1.x = 1;
    v1.y = 2;
    v1.label = "p";
    // the same registration id, as when the class itself changes between two runs
    byte[] stored = encode(StateCodecs.kryo(PointV1.class), v1);
    PointV2 v2 = decode(StateCodecs.kryo(PointV2.class), stored);
    assertThat(v2.x).isEqualTo(1);
    assertThat(v2.y).isEqualTo(2);
    assertThat(v2.z).as("a new field keeps its default... of the no-arg constructor").isEqualTo(7);
  }

  record PairV1(String a, String b) {}

  record PairV2(String a) {}

  @Test
  void aRecordThatLostAComponentIsRefusedNotMisread() throws IOException {
    byte[] stored = encode(StateCodecs.kryo(PairV1.class), new PairV1("x", "y"));
    assertThatThrownBy(() -> decode(StateCodecs.kryo(PairV2.class), stored))
        .isInstanceOf(StreamCorruptedException.class)
        .hasMessageContaining("the Kryo state codec of " + PairV2.class.getName());
  }

  @Test
  void nullAndDuplicateRegistrationsAreRefused() {
    assertThatThrownBy(() -> encode(StateCodecs.kryo(Address.class), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("was given null");
    assertThatThrownBy(() -> StateCodecs.kryo(Address.class, Address.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered twice");
  }

  @Test
  void oneCodecServesManyThreads() throws Exception {
    StateCodec<Window> codec = StateCodecs.kryo(Window.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2000; i++) {
                    Window w = new Window("s" + thread, i, new ArrayList<>(List.of((double) i)), new HashMap<>(Map.of("t", (long) thread)), new UUID(thread, i));
                    assertThat(decode(codec, encode(codec, w))).isEqualTo(w);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
