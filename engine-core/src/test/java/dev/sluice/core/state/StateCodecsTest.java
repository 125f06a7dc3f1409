package dev.sluice.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.math.BigDecimal;
import dev.sluice.testsupport.SeededRuns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateCodecsTest {

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green, with a body";
      }
    }
  }

  record Point(long x, String label, Color color) {}

  record Segment(Point from, Point to, List<String> tags) {}

  record Opaque(Object inside) {}

  static final class NotSerializable {
    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NotSerializable;
    }
  }

  static <T> byte[] encode(StateCodec<T> codec, T value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    codec.encode(value, out);
    out.flush();
    return bytes.toByteArray();
  }

  static <T> T decode(StateCodec<T> codec, byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    T value = codec.decode(in);
    assertThat(in.available()).as("bytes left after decoding").isZero();
    return value;
  }

  /** Encodes, decodes, checks equality, determinism and that every byte was consumed. */
  static <T> T roundTrip(StateCodec<T> codec, T value) throws IOException {
    byte[] bytes = encode(codec, value);
    assertThat(encode(codec, value)).as("deterministic").isEqualTo(bytes);
    T back = decode(codec, bytes);
    assertThat(back).isEqualTo(value);
    return back;
  }

  @Test
  void scalarsRoundTripWithEdgeValues() throws IOException {
    for (long v : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      roundTrip(StateCodecs.longs(), v);
    }
    for (int v : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      roundTrip(StateCodecs.ints(), v);
    }
    roundTrip(StateCodecs.booleans(), true);
    roundTrip(StateCodecs.booleans(), false);
    double payloadNaN = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);
    for (double v :
        new double[] {
          0.0, -0.0, Double.NaN, payloadNaN, Double.MIN_VALUE, Double.MAX_VALUE,
          Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY
        }) {
      Double back = decode(StateCodecs.doubles(), encode(StateCodecs.doubles(), v));
      assertThat(Double.doubleToRawLongBits(back)).isEqualTo(Double.doubleToRawLongBits(v));
    }
  }

  @Test
  void stringsOfAnyContentAndLength() throws IOException {
    String big = "x".repeat(70_000) + "é"; // over DataOutput.writeUTF's 64 KB limit
    for (String s :
        List.of(
            "",
            "ascii",
            "é and ü",
            "\uD834\uDD1E clef and \uD83D\uDE00 face", // non-BMP: surrogate pairs
            "lone high \uD800 surrogate",
            "lone low \uDC00",
            "ends with high \uD800",
            "\u0000 nul",
            big)) {
      roundTrip(StateCodecs.strings(), s);
    }
    assertThat(encode(StateCodecs.strings(), "").length).isEqualTo(1);
  }

  @Test
  void arraysRoundTrip() throws IOException {
    assertThat(decode(StateCodecs.bytes(), encode(StateCodecs.bytes(), new byte[0]))).isEmpty();
    byte[] bytes = {1, -1, 0, 127, -128};
    assertThat(decode(StateCodecs.bytes(), encode(StateCodecs.bytes(), bytes))).isEqualTo(bytes);
    long[] longs = new long[3000];
    Arrays.setAll(longs, i -> i * 31L - Long.MAX_VALUE);
    longs[0] = Long.MIN_VALUE;
    assertThat(decode(StateCodecs.longArrays(), encode(StateCodecs.longArrays(), longs)))
        .isEqualTo(longs);
    assertThat(decode(StateCodecs.longArrays(), encode(StateCodecs.longArrays(), new long[0])))
        .isEmpty();
    double[] doubles = {Double.NaN, -0.0, 1.5, Double.NEGATIVE_INFINITY};
    double[] back = decode(StateCodecs.doubleArrays(), encode(StateCodecs.doubleArrays(), doubles));
    assertThat(back).hasSize(4);
    for (int i = 0; i < doubles.length; i++) {
      assertThat(Double.doubleToRawLongBits(back[i]))
          .isEqualTo(Double.doubleToRawLongBits(doubles[i]));
    }
  }

  @Test
  void nullableAndCollections() throws IOException {
    StateCodec<String> nullable = StateCodecs.nullable(StateCodecs.strings());
    roundTrip(nullable, null);
    roundTrip(nullable, "");
    roundTrip(StateCodecs.listOf(StateCodecs.longs()), List.of());
    List<List<String>> nested = List.of(List.of("a", ""), List.of(), List.of("\uD83D\uDE00"));
    List<List<String>> back =
        roundTrip(StateCodecs.listOf(StateCodecs.listOf(StateCodecs.strings())), nested);
    assertThat(back).isInstanceOf(ArrayList.class);
    roundTrip(StateCodecs.listOf(nullable), Arrays.asList("a", null, "b"));

    TreeSet<Integer> sorted = new TreeSet<>(List.of(5, 1, 3));
    Set<Integer> set = roundTrip(StateCodecs.setOf(StateCodecs.ints()), sorted);
    assertThat(set).isInstanceOf(LinkedHashSet.class).containsExactly(1, 3, 5);

    TreeMap<String, List<Long>> map = new TreeMap<>();
    map.put("b", List.of(2L, 3L));
    map.put("a", List.of());
    map.put("c", List.of(Long.MIN_VALUE));
    Map<String, List<Long>> mapBack =
        roundTrip(
            StateCodecs.mapOf(StateCodecs.strings(), StateCodecs.listOf(StateCodecs.longs())),
            map);
    assertThat(mapBack).isInstanceOf(LinkedHashMap.class);
    assertThat(mapBack.keySet()).containsExactly("a", "b", "c");
    Map<String, Map<Integer, Boolean>> maps = new HashMap<>();
    maps.put("x", Map.of(1, true, 2, false));
    maps.put("", Map.of());
    roundTrip(
        StateCodecs.mapOf(
            StateCodecs.strings(), StateCodecs.mapOf(StateCodecs.ints(), StateCodecs.booleans())),
        maps);
  }

  @Test
  void nullWhereTheCodecTakesNoneSaysWhereAndWhatToDo() {
    assertThatThrownBy(
            () -> encode(StateCodecs.listOf(StateCodecs.strings()), Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("position 1")
        .hasMessageContaining("nullable");
    assertThatThrownBy(
            () ->
                encode(
                    StateCodecs.record(
                        Point.class,
                        StateCodecs.longs(),
                        StateCodecs.strings(),
                        StateCodecs.enumOf(Color.class)),
                    new Point(1, null, Color.RED)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'label'")
        .hasMessageContaining(Point.class.getName());
  }

  @Test
  void enumsByNameAndRecordsByComponent() throws IOException {
    StateCodec<Color> colors = StateCodecs.enumOf(Color.class);
    roundTrip(colors, Color.RED);
    assertThat(roundTrip(colors, Color.GREEN)).isSameAs(Color.GREEN);
    byte[] unknown = encode(StateCodecs.strings(), "BLUE");
    assertThatThrownBy(() -> decode(colors, unknown))
        .isInstanceOf(InvalidObjectException.class)
        .hasMessageContaining("BLUE");

    StateCodec<Point> points =
        StateCodecs.record(
            Point.class,
            StateCodecs.longs(),
            StateCodecs.nullable(StateCodecs.strings()),
            StateCodecs.enumOf(Color.class));
    roundTrip(points, new Point(Long.MIN_VALUE, "p", Color.GREEN));
    roundTrip(points, new Point(0, null, Color.RED));
    StateCodec<Segment> segments =
        StateCodecs.record(
            Segment.class, points, points, StateCodecs.listOf(StateCodecs.strings()));
    roundTrip(
        segments,
        new Segment(new Point(1, "a", Color.RED), new Point(2, "", Color.GREEN), List.of("t")));
    assertThat(points.formatId())
        .isEqualTo("record<" + Point.class.getName() + ">(long,nullable<string>,enum<"
            + Color.class.getName() + ">)");
    assertThatThrownBy(() -> StateCodecs.record(Point.class, StateCodecs.longs()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 components")
        .hasMessageContaining("1 codecs");
  }

  @Test
  void javaSerializationFallback() throws IOException {
    roundTrip(StateCodecs.<BigDecimal>serializable(), new BigDecimal("12345.678901234567890"));
    roundTrip(StateCodecs.<ArrayList<String>>serializable(), new ArrayList<>(List.of("a")));
    assertThatThrownBy(() -> encode(StateCodecs.serializable(), new NotSerializable()))
        .hasMessageContaining(NotSerializable.class.getName());
  }

  @Test
  void dynamicCodecCarriesTheType() throws IOException {
    StateCodec<Object> dynamic = StateCodecs.dynamic();
    List<Object> values =
        Arrays.asList(
            null,
            "",
            "\uD83D\uDE00",
            Long.MIN_VALUE,
            Integer.MAX_VALUE,
            (short) -3,
            (byte) 7,
            'x',
            true,
            -0.0,
            Float.NaN,
            UUID.randomUUID(),
            Color.GREEN,
            new Point(3, "p", Color.RED),
            new Segment(new Point(1, "a", Color.RED), new Point(2, "b", Color.GREEN), List.of()),
            List.of(1L, "two", List.of(3)),
            new LinkedHashSet<>(List.of("s", "t")),
            new TreeMap<>(Map.of("k", List.of(Color.RED), "j", Map.of(1, 2L))),
            new BigDecimal("1.5"));
    for (Object v : values) {
      Object back = decode(dynamic, encode(dynamic, v));
      if (v instanceof Double || v instanceof Float) {
        assertThat(back).isInstanceOf(v.getClass());
        assertThat(back.toString()).isEqualTo(v.toString());
      } else {
        assertThat(back).isEqualTo(v);
      }
      if (v != null && !(v instanceof List || v instanceof Set || v instanceof Map)) {
        assertThat(back).isExactlyInstanceOf(v.getClass());
      }
    }
    Object set = decode(dynamic, encode(dynamic, new TreeSet<>(List.of("b", "a"))));
    assertThat(set).isInstanceOf(LinkedHashSet.class);
  }

  @Test
  void dynamicCodecRejectsUnsupportedTypesNamingThem() {
    StateCodec<Object> dynamic = StateCodecs.dynamic();
    assertThatThrownBy(() -> encode(dynamic, new NotSerializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializable.class.getName())
        .hasMessageContaining("not Serializable");
    assertThatThrownBy(() -> encode(dynamic, new Opaque(List.of(new NotSerializable()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializable.class.getName())
        .hasMessageContaining("component 'inside' of record " + Opaque.class.getName());
  }

  @Test
  void dynamicCodecDeserializesJavaObjectsOnlyUnderItsTag() throws IOException {
    // Java-serialized bytes under the String tag are read as a string, never deserialized
    byte[] serialized = encode(StateCodecs.serializable(), new BigDecimal("2"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1); // String tag
    StateCodecs.bytes().encode(serialized, out); // varint length (x2 would be UTF-8) + bytes
    out.flush();
    byte[] forged = bytes.toByteArray();
    Object decoded;
    try {
      decoded = decode(StateCodecs.dynamic(), forged);
    } catch (IOException | AssertionError e) {
      decoded = e; // a length mismatch is fine too: what matters is no deserialization
    }
    assertThat(decoded).isNotInstanceOf(BigDecimal.class);
    assertThatThrownBy(() -> decode(StateCodecs.dynamic(), new byte[] {99}))
        .hasMessageContaining("unknown dynamic codec type tag 99");
  }

  @Test
  void dynamicCodecResolvesClassesThroughTheGivenLoader() throws IOException {
    byte[] bytes = encode(StateCodecs.dynamic(), new Point(1, "a", Color.RED));
    ClassLoader empty = new ClassLoader(null) {};
    assertThatThrownBy(() -> decode(StateCodecs.dynamic(empty), bytes))
        .hasMessageContaining(Point.class.getName());
    Object back = decode(StateCodecs.dynamic(getClass().getClassLoader()), bytes);
    assertThat(back).isEqualTo(new Point(1, "a", Color.RED));
  }

  @Test
  void truncatedInputFailsWithEof() throws IOException {
    byte[] bytes = encode(StateCodecs.listOf(StateCodecs.strings()), List.of("abc", "def"));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
    assertThatThrownBy(() -> decode(StateCodecs.listOf(StateCodecs.strings()), cut))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void formatIdsDescribeTheFormatAndEqualPartsGiveEqualCodecs() {
    assertThat(StateCodecs.listOf(StateCodecs.strings()))
        .isEqualTo(StateCodecs.listOf(StateCodecs.strings()));
    assertThat(StateCodecs.mapOf(StateCodecs.strings(), StateCodecs.longs()).formatId())
        .isEqualTo("map<string,long>");
    assertThat(
            StateCodecs.record(
                    Point.class,
                    StateCodecs.longs(),
                    StateCodecs.strings(),
                    StateCodecs.enumOf(Color.class)))
        .isEqualTo(
            StateCodecs.record(
                Point.class,
                StateCodecs.longs(),
                StateCodecs.strings(),
                StateCodecs.enumOf(Color.class)));
    StateCodec<String> lambda =
        new StateCodec<>() {
          @Override
          public void encode(String value, java.io.DataOutput out) {}

          @Override
          public String decode(java.io.DataInput in) {
            return "";
          }
        };
    assertThat(lambda.formatId()).isEqualTo(lambda.getClass().getName());
  }

  /** A random value of the types the dynamic codec handles, nested up to {@code depth}. */
  static Object randomValue(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 0 ? 16 : 12);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return randomString(r);
      case 2:
        return r.nextLong();
      case 3:
        return r.nextInt();
      case 4:
        return (short) r.nextInt();
      case 5:
        return (byte) r.nextInt();
      case 6:
        return (char) r.nextInt(0x10000);
      case 7:
        return r.nextBoolean();
      case 8:
        return new UUID(r.nextLong(), r.nextLong());
      case 9:
        return Color.values()[r.nextInt(2)];
      case 10:
        return new Point(r.nextLong(), randomString(r), Color.values()[r.nextInt(2)]);
      case 11:
        return r.nextInt(5) - 2L;
      case 12:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(randomValue(r, depth - 1));
          }
          return list;
        }
      case 13:
        {
          Set<Object> set = new LinkedHashSet<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            set.add(randomValue(r, depth - 1));
          }
          return set;
        }
      case 14:
        {
          Map<Object, Object> map = new LinkedHashMap<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            map.put(randomValue(r, depth - 1), randomValue(r, depth - 1));
          }
          return map;
        }
      default:
        return new Opaque(randomValue(r, depth - 1));
    }
  }

  static String randomString(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      b.appendCodePoint(
          r.nextInt(4) == 0 ? r.nextInt(0x10000, 0x10FFFF) : r.nextInt(0xD7FF) + 1);
    }
    return b.toString();
  }

  @Test
  void randomNestedValuesRoundTripThroughTheDynamicCodec() {
    SeededRuns.run(
        500,
        generator -> {
          // dynamic codec round trip
          SplittableRandom r = generator.random();
          Object value = randomValue(r, 3);
          StateCodec<Object> dynamic = StateCodecs.dynamic();
          Object back = decode(dynamic, encode(dynamic, value));
          assertThat(back).isEqualTo(value);
        });
  }
}
