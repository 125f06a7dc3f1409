package dev.sluice.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a property a number of times ("tries"), each try on values drawn from a {@link
 * Generator} whose seed is derived from a base seed, the property's name and the try's index.
 * Call it from a JUnit {@code @Test} method:
 *
 * <pre>{@code
 * @Test
 * void roundTrips() {
 *   SeededRuns.forAll(500, g -> g.unicodeString(0, 40), text -> assertThat(decode(encode(text))).isEqualTo(text));
 * }
 * }</pre>
 *
 * <p>The base seed is {@link #DEFAULT_SEED} unless the system property {@value #SEED_PROPERTY}
 * gives another (decimal, or hexadecimal with {@code 0x}; {@code random} draws a fresh one), so a
 * build explores the same inputs every time. {@value #TRIES_PROPERTY} multiplies every
 * property's number of tries (for example {@code 10} for a long local run, {@code 0.1} for a quick
 * one; at least one try runs), and {@value #TRY_PROPERTY} runs only the try with that index.
 * Maven passes {@code -D} options given on its command line to the forked test JVM, so {@code
 * mvn test -Dsluice.seed=0x2a} works.
 *
 * <p>When a try fails, the property stops and an {@link AssertionError} is thrown whose message
 * names the property, the try's index, the base seed, the input (for {@link #forAll}), the
 * failure and the exact {@code mvn} command that runs this try alone; the original failure is
 * its cause. The property's name is the calling class's simple name and method (for a call
 * inside a lambda, the method the lambda is written in), so call these methods from the test
 * method itself, which the reproducing command then selects.
 *
 * <p>Threading: each call runs its tries one after another on the calling thread. Allocation:
 * one {@link Generator} per try. Failure: a malformed system property throws {@link
 * IllegalArgumentException} before any try runs.
 */
public final class SeededRuns {
  /** System property holding the base seed: decimal, {@code 0x}-hexadecimal or {@code random}. */
  public static final String SEED_PROPERTY = "sluice.seed";

  /** System property holding a factor applied to every property's number of tries. */
  public static final String TRIES_PROPERTY = "sluice.tries";

  /** System property holding the index of the only try to run. */
  public static final String TRY_PROPERTY = "sluice.try";

  /** The base seed when {@value #SEED_PROPERTY} is not set. */
  public static final long DEFAULT_SEED = 0x5eed_2026_1122_0001L;

  /** Longest input description and failure message quoted in a failure report, in characters. */
  private static final int MAX_QUOTED_CHARS = 4000;

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private SeededRuns() {}

  /**
   * A check of one input, allowed to throw: any exception or error fails the try.
   *
   * @param <T> the input type
   */
  @FunctionalInterface
  public interface Check<T> {
    /**
     * Checks {@code input}; returns normally if the property holds.
     *
     * @param input the input of this try
     * @throws Exception if the check fails with an exception
     */
    void check(T input) throws Exception;
  }

  /**
   * Checks {@code property} on {@code tries} inputs made by {@code inputs}, one per try. The
   * failure report quotes the failing input's {@code toString()}, so make inputs records or
   * other types that print their content.
   *
   * @param <T> the input type
   * @param tries the number of tries before {@value #TRIES_PROPERTY} is applied, at least 1
   * @param inputs makes the input of a try from the try's generator
   * @param property the check
   * @throws AssertionError describing the first failing try and how to reproduce it
   * @throws IllegalArgumentException if {@code tries < 1} or a system property is malformed
   */
  public static <T> void forAll(
      int tries, Function<Generator, ? extends T> inputs, Check<? super T> property) {
    execute(tries, List.of(), inputs, property, true);
  }

  /**
   * Checks {@code property} on every one of {@code edgeCases} first, then on {@code tries} inputs
   * made by {@code inputs}: the edge cases are the values a property must always see (bounds,
   * empty inputs, special numbers), which random tries reach only by chance. {@value
   * #TRY_PROPERTY} skips the edge cases.
   *
   * @param <T> the input type
   * @param tries the number of random tries before {@value #TRIES_PROPERTY} is applied, at least 1
   * @param edgeCases inputs checked before the random ones, every run
   * @param inputs makes the input of a random try from the try's generator
   * @param property the check
   * @throws AssertionError describing the first failing input and how to reproduce it
   * @throws IllegalArgumentException if {@code tries < 1} or a system property is malformed
   */
  public static <T> void forAll(
      int tries,
      List<? extends T> edgeCases,
      Function<Generator, ? extends T> inputs,
      Check<? super T> property) {
    execute(tries, edgeCases, inputs, property, true);
  }

  /**
   * Runs {@code property} {@code tries} times, each time with the try's generator; for
   * properties that draw their values as they go. The failure report cannot quote an input:
   * rerun the try (the report says how) to see it.
   *
   * @param tries the number of tries before {@value #TRIES_PROPERTY} is applied, at least 1
   * @param property the check, drawing from the generator it is given
   * @throws AssertionError describing the first failing try and how to reproduce it
   * @throws IllegalArgumentException if {@code tries < 1} or a system property is malformed
   */
  public static void run(int tries, Check<Generator> property) {
    execute(tries, List.of(), g -> g, property, false);
  }

  /**
   * The seed of one try's generator: a function of the base seed, the property's name and the
   * try's index only.
   *
   * @param baseSeed the base seed
   * @param propertyName the property's name, {@code Class#method}
   * @param tryIndex the try's index, from 0
   * @return the seed of that try's {@link Generator}
   */
  public static long trySeed(long baseSeed, String propertyName, int tryIndex) {
    long propertySeed = mix(baseSeed ^ mix(propertyName.hashCode() * GOLDEN_GAMMA));
    return mix(propertySeed + GOLDEN_GAMMA * (tryIndex + 1L));
  }

  private static <T> void execute(
      int tries,
      List<? extends T> edgeCases,
      Function<Generator, ? extends T> inputs,
      Check<? super T> property,
      boolean quoteInput) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1, was " + tries);
    }
    StackWalker.StackFrame caller = caller();
    String testClass = simpleName(caller.getClassName());
    String method = enclosingMethod(caller.getMethodName());
    String name = testClass + "#" + method;
    String seedText = System.getProperty(SEED_PROPERTY);
    long baseSeed = baseSeed(seedText);
    double factor = factor(System.getProperty(TRIES_PROPERTY));
    int total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tries * factor)));
    String onlyTryText = System.getProperty(TRY_PROPERTY);
    int first = 0;
    int end = total;
    boolean onlyOneTry = onlyTryText != null && !onlyTryText.isBlank();
    if (onlyOneTry) {
      first = onlyTry(onlyTryText);
      end = first + 1;
    }
    for (int k = 0; k < edgeCases.size() && !onlyOneTry; k++) {
      T input = edgeCases.get(k);
      try {
        property.check(input);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        String where =
            "edge case " + k + " (edge cases numbered 0 to " + (edgeCases.size() - 1) + ")";
        throw new AssertionError(
            report(name, testClass, method, where, -1, baseSeed, factor, describe(input), e), e);
      }
    }
    for (int i = first; i < end; i++) {
      Generator generator = new Generator(trySeed(baseSeed, name, i));
      T input = null;
      try {
        input = inputs.apply(generator);
        property.check(input);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        String described = quoteInput ? describe(input) : null;
        throw new AssertionError(
            report(
                name,
                testClass,
                method,
                "try " + i + " (tries numbered 0 to " + (total - 1) + ")",
                i,
                baseSeed,
                factor,
                described,
                e),
            e);
      }
    }
  }

  private static String report(
      String name,
      String testClass,
      String method,
      String where,
      int tryIndex,
      long baseSeed,
      double factor,
      String input,
      Throwable failure) {
    String seed = hex(baseSeed);
    String command =
        "mvn -B "
            + moduleOptions()
            + "test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='"
            + testClass
            + "#"
            + method
            + "' -D"
            + SEED_PROPERTY
            + "="
            + seed;
    StringBuilder s = new StringBuilder();
    s.append("Property ")
        .append(name)
        .append(" failed on ")
        .append(where)
        .append(", ")
        .append(SEED_PROPERTY)
        .append('=')
        .append(seed);
    if (tryIndex >= 0) {
      s.append(", try seed ").append(hex(trySeed(baseSeed, name, tryIndex)));
    }
    s.append('\n');
    if (input != null) {
      s.append("  input:   ").append(input).append('\n');
    } else {
      s.append("  input:   drawn inside the property; replay the try to inspect it\n");
    }
    s.append("  failure: ").append(quote(String.valueOf(failure))).append('\n');
    if (tryIndex < 0) {
      s.append("Reproduce (from the repository root; edge cases run first, every run):\n  ")
          .append(command);
      return s.toString();
    }
    s.append("Reproduce this try alone (from the repository root):\n  ")
        .append(command)
        .append(" -D")
        .append(TRY_PROPERTY)
        .append('=')
        .append(tryIndex)
        .append('\n');
    s.append("or every try of this run: the same command without -D").append(TRY_PROPERTY);
    if (factor != 1.0) {
      s.append(" and with -D").append(TRIES_PROPERTY).append('=').append(factor);
    }
    return s.toString();
  }

  /** The first frame outside this class: the test method that called forAll or run. */
  private static StackWalker.StackFrame caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().equals(SeededRuns.class.getName()))
                    .findFirst())
        .orElseThrow();
  }

  /** The method a lambda body ({@code lambda$method$0}) was written in, or {@code name} itself. */
  private static String enclosingMethod(String name) {
    if (name.startsWith("lambda$")) {
      int end = name.indexOf('$', "lambda$".length());
      if (end > 0) {
        return name.substring("lambda$".length(), end);
      }
    }
    return name;
  }

  private static String simpleName(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    return nested < 0 ? simple : simple.substring(0, nested);
  }

  /**
   * {@code -pl <module> -am } when the tests run in a module directory of a multi-module build
   * (surefire's working directory is the module's), so that the command runs from the root.
   */
  private static String moduleOptions() {
    Path dir = Path.of("").toAbsolutePath();
    Path parent = dir.getParent();
    if (parent != null
        && dir.getFileName() != null
        && Files.isRegularFile(dir.resolve("pom.xml"))
        && Files.isRegularFile(parent.resolve("pom.xml"))) {
      return "-pl " + dir.getFileName() + " -am ";
    }
    return "";
  }

  private static long baseSeed(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_SEED;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("random")) {
      return new SplittableRandom().nextLong();
    }
    try {
      if (t.startsWith("0x")) {
        return Long.parseUnsignedLong(t.substring(2).replace("_", ""), 16);
      }
      return Long.parseLong(t.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " must be a decimal or 0x-hexadecimal long or 'random', was '"
              + text + "'",
          e);
    }
  }

  private static double factor(String text) {
    if (text == null || text.isBlank()) {
      return 1.0;
    }
    try {
      double f = Double.parseDouble(text.trim());
      if (f > 0 && Double.isFinite(f)) {
        return f;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + TRIES_PROPERTY + " must be a positive number (a factor), was '" + text + "'");
  }

  private static int onlyTry(String text) {
    try {
      int i = Integer.parseInt(text.trim());
      if (i >= 0) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + TRY_PROPERTY + " must be a try index (0 or more), was '" + text + "'");
  }

  private static String describe(Object input) {
    try {
      return quote(String.valueOf(input));
    } catch (RuntimeException e) {
      return "(toString() failed: " + e + ")";
    }
  }

  private static String quote(String text) {
    return text.length() <= MAX_QUOTED_CHARS
        ? text
        : text.substring(0, MAX_QUOTED_CHARS) + "... (" + text.length() + " characters)";
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
