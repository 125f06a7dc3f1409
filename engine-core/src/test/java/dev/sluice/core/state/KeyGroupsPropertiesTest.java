package dev.sluice.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Randomized properties of key-group routing: every key of the supported kinds has one group,
 * owned by exactly one instance at every parallelism; equal keys built separately share it; and
 * a child JVM with another identity-hash scheme computes the same groups for the same random
 * keys.
 */
class KeyGroupsPropertiesTest {

  enum Level {
    LOW,
    HIGH {
      @Override
      public String toString() {
        return "high";
      }
    }
  }

  record Device(String site, Level level, long id) {}

  /** A random key of a supported kind; the same seed gives equal keys in any JVM. */
  static Object key(Generator g) {
    return switch (g.intBetween(0, 8)) {
      case 0 -> g.unicodeString(0, 12);
      case 1 -> g.anyLong();
      case 2 -> g.anyInt();
      case 3 -> new UUID(g.anyLong(), g.anyLong());
      case 4 -> g.pick(Level.values());
      case 5 -> new Device(g.stringOf("abc", 0, 4), g.pick(Level.values()), g.anyLong());
      case 6 -> g.listOf(0, 4, x -> x.stringOf("xyz", 1, 3));
      case 7 -> new LinkedHashSet<>(g.listOf(0, 4, x -> x.intBetween(0, 9)));
      default -> {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : g.listOf(0, 3, x -> x.stringOf("pq", 1, 2))) {
          m.put(k, g.anyLong());
        }
        yield m;
      }
    };
  }

  /** An equal key built from fresh objects (and collections of another class). */
  static Object copyOf(Object key) {
    if (key instanceof String s) {
      return new String(s.toCharArray());
    }
    if (key instanceof Device d) {
      return new Device(new String(d.site().toCharArray()), d.level(), d.id());
    }
    if (key instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (key instanceof java.util.Set<?> s) {
      return new java.util.HashSet<>(s);
    }
    if (key instanceof Map<?, ?> m) {
      return new java.util.TreeMap<>(m);
    }
    if (key instanceof UUID u) {
      return new UUID(u.getMostSignificantBits(), u.getLeastSignificantBits());
    }
    return key; // boxed values and enums
  }

  @Test
  void everyKeyHasOneGroupOwnedByExactlyOneInstanceAtEveryParallelism() {
    SeededRuns.run(
        2_000,
        g -> {
          Object key = key(g);
          int max = g.intBetween(1, 4096);
          int group = KeyGroups.groupOf(key, max);
          assertThat(group).as("group of %s at max %d", key, max).isBetween(0, max - 1);
          assertThat(KeyGroups.groupOf(copyOf(key), max))
              .as("an equal key built separately: %s", key)
              .isEqualTo(group);
          assertThat(KeyGroups.stableHash(copyOf(key))).isEqualTo(KeyGroups.stableHash(key));
          for (int p = 1; p <= Math.min(4, max); p++) {
            int owner = KeyGroups.instanceFor(group, p, max);
            int owners = 0;
            for (int i = 0; i < p; i++) {
              KeyGroupRange r = KeyGroups.rangeFor(i, p, max);
              if (r.contains(group)) {
                owners++;
                assertThat(i).isEqualTo(owner);
              }
            }
            assertThat(owners).as("instances owning group %d at p=%d", group, p).isEqualTo(1);
          }
        });
  }

  /** Prints the stable hash and group at 128 of {@code n} random keys from {@code seed}. */
  public static void main(String[] args) {
    Generator g = new Generator(Long.parseLong(args[0]));
    int n = Integer.parseInt(args[1]);
    StringBuilder out = new StringBuilder();
    for (Object line : lines(g, n)) {
      out.append(line).append('\n');
    }
    System.out.print(out);
  }

  private static List<String> lines(Generator g, int n) {
    List<String> lines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object key = key(g);
      lines.add(KeyGroups.stableHash(key) + " " + KeyGroups.groupOf(key, 128));
    }
    return lines;
  }

  @Test
  void randomKeysHaveTheSameGroupsInAChildJvmWithAnotherIdentityHash() throws Exception {
    SeededRuns.run(
        2,
        g -> {
          long seed = g.anyLong();
          int n = 3_000;
          String java =
              System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
          // hashCode=2 makes every identity hash 1 in the child: identity-based key hashing
          // (enum constants, for instance) could not give the parent's groups there
          Process child =
              new ProcessBuilder(
                      java,
                      "-XX:+UnlockExperimentalVMOptions",
                      "-XX:hashCode=2",
                      "-cp",
                      System.getProperty("java.class.path"),
                      KeyGroupsPropertiesTest.class.getName(),
                      Long.toString(seed),
                      Integer.toString(n))
                  .redirectErrorStream(true)
                  .start();
          List<String> childLines = new ArrayList<>();
          try (BufferedReader r =
              new BufferedReader(
                  new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
              childLines.add(line);
            }
          }
          assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
          assertThat(child.exitValue()).as("child output: %s", childLines).isZero();
          assertThat(childLines).isEqualTo(lines(new Generator(seed), n));
        });
  }
}
