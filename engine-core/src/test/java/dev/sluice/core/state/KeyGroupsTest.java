package dev.sluice.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green";
      }
    }
  }

  record Composite(String device, Color color, long id) {}

  static final class NoHashCode {}

  /** The keys whose groups must be the same in every JVM. */
  static List<Object> sampleKeys() {
    List<Object> keys = new ArrayList<>();
    keys.add("sensor-1");
    keys.add("");
    keys.add(42L);
    keys.add(-7);
    keys.add((short) 3);
    keys.add('x');
    keys.add(true);
    keys.add(2.5d);
    keys.add(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    keys.add(Color.RED);
    keys.add(Color.GREEN);
    keys.add(new Composite("d-9", Color.GREEN, 99));
    keys.add(List.of("a", Color.RED));
    keys.add(Set.of(1, 2, 3));
    keys.add(Map.of("k", Color.GREEN));
    keys.add(null);
    return keys;
  }

  /** Prints one line per sample key: its stable hash and group at 128. Run in a child JVM. */
  public static void main(String[] args) {
    for (Object key : sampleKeys()) {
      System.out.println(KeyGroups.stableHash(key) + " " + KeyGroups.groupOf(key, 128));
    }
  }

  @Test
  void aKeysGroupIsTheSameInAnotherJvm() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), KeyGroupsTest.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("child output: %s", lines).isZero();
    List<String> here = new ArrayList<>();
    for (Object key : sampleKeys()) {
      here.add(KeyGroups.stableHash(key) + " " + KeyGroups.groupOf(key, 128));
    }
    assertThat(lines).isEqualTo(here);
  }

  @Test
  void enumsAndRecordsHashByValueNotIdentity() {
    assertThat(KeyGroups.stableHash(Color.RED))
        .isEqualTo(31 * Color.class.getName().hashCode() + "RED".hashCode());
    assertThat(KeyGroups.stableHash(new Composite("a", Color.RED, 1)))
        .isEqualTo(KeyGroups.stableHash(new Composite("a", Color.RED, 1)))
        .isNotEqualTo(KeyGroups.stableHash(new Composite("a", Color.GREEN, 1)));
    assertThat(KeyGroups.stableHash("abc")).isEqualTo("abc".hashCode());
    assertThat(KeyGroups.groupOfLong(77L, 128)).isEqualTo(KeyGroups.groupOf(77L, 128));
  }

  @Test
  void identityHashedKeysAreRejectedWithTheirClassName() {
    assertThatThrownBy(() -> KeyGroups.groupOf(new NoHashCode(), 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NoHashCode.class.getName())
        .hasMessageContaining("does not override hashCode()");
    assertThatThrownBy(() -> KeyGroups.groupOf(new int[] {1}, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("array");
  }

  @Test
  void rangesAreContiguousCoverAllGroupsAndAgreeWithInstanceFor() {
    for (int max : new int[] {1, 2, 7, 128, 1000, 32768}) {
      for (int p = 1; p <= Math.min(max, 17); p++) {
        int expectedStart = 0;
        for (int i = 0; i < p; i++) {
          KeyGroupRange r = KeyGroups.rangeFor(i, p, max);
          assertThat(r.start()).as("max %d p %d i %d", max, p, i).isEqualTo(expectedStart);
          assertThat(r.size()).isPositive();
          for (int g = r.start(); g <= r.end(); g++) {
            assertThat(KeyGroups.instanceFor(g, p, max)).isEqualTo(i);
          }
          expectedStart = r.end() + 1;
        }
        assertThat(expectedStart).isEqualTo(max);
      }
    }
  }

  @Test
  void groupsSpreadEvenly() {
    long seed = 20261201L;
    SplittableRandom random = new SplittableRandom(seed);
    int[] counts = new int[128];
    int n = 128_000;
    for (int i = 0; i < n; i++) {
      counts[KeyGroups.groupOf("key-" + random.nextInt(), 128)]++;
    }
    for (int g = 0; g < counts.length; g++) {
      // expected 1000 per group; 6 standard deviations is about 190
      assertThat(counts[g]).as("group %d (seed %d)", g, seed).isBetween(800, 1200);
    }
  }

  @Test
  void badParallelismIsRejected() {
    assertThatThrownBy(() -> KeyGroups.checkParallelism(5, 4))
        .hasMessageContaining("parallelism must be in 1..maxParallelism (4), was 5");
    assertThatThrownBy(() -> KeyGroups.checkParallelism(1, 0))
        .hasMessageContaining("maxParallelism must be in");
    assertThatThrownBy(() -> KeyGroups.rangeFor(3, 3, 128)).hasMessageContaining("index 3");
  }
}
