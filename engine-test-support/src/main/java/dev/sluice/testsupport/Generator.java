package dev.sluice.testsupport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The random values of one try of a property, drawn from a {@link SplittableRandom} seeded with
 * the try's seed: the same seed gives the same values in the same order, so a failing try can be
 * replayed exactly (see {@link SeededRuns}).
 *
 * <p>Numbers are deliberately not uniform. Every integral draw returns, with probability 1/10,
 * one of the edge values of its range (its bounds and whichever of -2, -1, 0, 1, 2 lie inside
 * it), with probability 3/10 a value close to zero (or to the bound nearest zero) whose
 * magnitude is log-uniform, so that small numbers come up as often as large ones, and otherwise a
 * uniform value of the range. {@link #anyDouble()} and {@link #anyFloat()} include NaN, both
 * infinities, both zeros, the smallest subnormal and normal values and the largest finite values.
 * Lengths of strings, arrays and lists are integral draws, so the shortest and the longest
 * allowed lengths come up often.
 *
 * <p>Threading: not thread-safe; a property uses its generator from the thread running the try.
 * Allocation: each draw of a reference value allocates that value; primitive draws allocate
 * nothing. Failure: an empty range, a probability outside [0, 1] or an empty list of choices
 * throws {@link IllegalArgumentException}; {@link #satisfying} throws {@link
 * IllegalStateException} when no value passes its filter.
 */
public final class Generator {
  /** Probability that a numeric draw returns an edge value of its range. */
  private static final double EDGE_PROBABILITY = 0.1;

  /** Probability that a numeric draw returns a value of log-uniform magnitude near zero. */
  private static final double SMALL_PROBABILITY = 0.3;

  /** How many draws {@link #satisfying} makes before giving up. */
  private static final int MAX_FILTER_DRAWS = 10_000;

  private static final double[] DOUBLE_EDGES = {
    0.0, -0.0, 1.0, -1.0, 0.01, -0.01, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
    -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN,
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
  };

  private static final float[] FLOAT_EDGES = {
    0.0f, -0.0f, 1.0f, -1.0f, 0.01f, -0.01f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
    -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY
  };

  /**
   * Characters at the edges of the UTF-8 and UTF-16 encodings that {@link #unicodeString} mixes
   * in: NUL, space, the last one-byte, first and last two-byte, first three-byte character and
   * U+FFFD.
   */
  private static final char[] CHAR_EDGES = {
    '\u0000', ' ', '\u007f', '\u0080', '\u07ff', '\u0800', '\ufffd'
  };

  private final long seed;
  private final SplittableRandom random;

  /**
   * A generator whose values are determined by {@code seed}.
   *
   * @param seed the seed of the underlying {@link SplittableRandom}
   */
  public Generator(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * The seed this generator was created with.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The underlying random source, for draws this class does not offer. Draws from it advance the
   * same sequence as the methods of this class.
   *
   * @return the random source of this try
   */
  public SplittableRandom random() {
    return random;
  }

  /**
   * A fair coin.
   *
   * @return true or false with equal probability
   */
  public boolean bool() {
    return random.nextBoolean();
  }

  /**
   * True with the given probability.
   *
   * @param probability between 0 (never) and 1 (always)
   * @return whether the event happened
   * @throws IllegalArgumentException if {@code probability} is not within [0, 1]
   */
  public boolean chance(double probability) {
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability must be within [0, 1], was " + probability);
    }
    return random.nextDouble() < probability;
  }

  /**
   * An int within [{@code min}, {@code max}], edge values and small values mixed in (see the class
   * description).
   *
   * @param min the smallest allowed value
   * @param max the largest allowed value, at least {@code min}
   * @return the value
   * @throws IllegalArgumentException if {@code min > max}
   */
  public int intBetween(int min, int max) {
    return (int) longBetween(min, max);
  }

  /**
   * A long within [{@code min}, {@code max}], edge values and small values mixed in (see the
   * class description).
   *
   * @param min the smallest allowed value
   * @param max the largest allowed value, at least {@code min}
   * @return the value
   * @throws IllegalArgumentException if {@code min > max}
   */
  public long longBetween(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
    }
    double r = random.nextDouble();
    if (r < EDGE_PROBABILITY) {
      return edge(min, max);
    }
    if (r < EDGE_PROBABILITY + SMALL_PROBABILITY) {
      return nearOrigin(min, max);
    }
    return uniform(min, max);
  }

  /**
   * Any int, edge values ({@link Integer#MIN_VALUE}, {@link Integer#MAX_VALUE}, -2..2) and small
   * values mixed in.
   *
   * @return the value
   */
  public int anyInt() {
    return intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * Any long, edge values ({@link Long#MIN_VALUE}, {@link Long#MAX_VALUE}, -2..2) and small values
   * mixed in.
   *
   * @return the value
   */
  public long anyLong() {
    return longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Any short, edge values and small values mixed in.
   *
   * @return the value
   */
  public short anyShort() {
    return (short) longBetween(Short.MIN_VALUE, Short.MAX_VALUE);
  }

  /**
   * Any byte, edge values and small values mixed in.
   *
   * @return the value
   */
  public byte anyByte() {
    return (byte) longBetween(Byte.MIN_VALUE, Byte.MAX_VALUE);
  }

  /**
   * Any double: with probability 1/10 an edge value (±0.0, ±1, ±0.01, ±{@link Double#MIN_VALUE},
   * ±{@link Double#MIN_NORMAL}, ±{@link Double#MAX_VALUE}, NaN, ±infinity); 3/10 a random bit
   * pattern (every exponent, subnormals, NaN payloads); 3/10 a decimal with two fraction digits
   * (magnitudes up to about 10<sup>17</sup>); otherwise a decimal of up to six significant digits
   * at any exponent from -330 to 310, which may round to zero or infinity.
   *
   * @return the value
   */
  public double anyDouble() {
    double r = random.nextDouble();
    if (r < EDGE_PROBABILITY) {
      return DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)];
    }
    if (r < 0.4) {
      return Double.longBitsToDouble(random.nextLong());
    }
    if (r < 0.7) {
      return BigDecimal.valueOf(anyLong(), 2).doubleValue();
    }
    return BigDecimal.valueOf(longBetween(-999_999, 999_999), -intBetween(-330, 310)).doubleValue();
  }

  /**
   * Any float, drawn like {@link #anyDouble()} with float edges and exponents from -50 to 40.
   *
   * @return the value
   */
  public float anyFloat() {
    double r = random.nextDouble();
    if (r < EDGE_PROBABILITY) {
      return FLOAT_EDGES[random.nextInt(FLOAT_EDGES.length)];
    }
    if (r < 0.4) {
      return Float.intBitsToFloat(random.nextInt());
    }
    if (r < 0.7) {
      return BigDecimal.valueOf(anyInt(), 2).floatValue();
    }
    return BigDecimal.valueOf(longBetween(-999_999, 999_999), -intBetween(-50, 40)).floatValue();
  }

  /**
   * A decimal number with at most {@code scale} fraction digits within [{@code min}, {@code
   * max}], as a double. Edge values are 0, 1, -1, ±10<sup>-scale</sup>, {@code min} and {@code
   * max} (those inside the range); values of log-uniform magnitude near zero and uniform values
   * make up the rest, as for {@link #longBetween}.
   *
   * @param min the smallest allowed value, finite
   * @param max the largest allowed value, finite and at least {@code min}
   * @param scale the number of fraction digits, at least 0
   * @return the value
   * @throws IllegalArgumentException if the range is empty or not finite, or {@code scale < 0}
   */
  public double decimalBetween(double min, double max, int scale) {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max) || scale < 0) {
      throw new IllegalArgumentException(
          "need finite min <= max and scale >= 0: [" + min + ", " + max + "], scale " + scale);
    }
    double r = random.nextDouble();
    if (r < EDGE_PROBABILITY) {
      double smallest = BigDecimal.ONE.movePointLeft(scale).doubleValue();
      double[] edges = {0.0, 1.0, -1.0, smallest, -smallest, min, max};
      double[] inRange = Arrays.stream(edges).filter(e -> e >= min && e <= max).toArray();
      return inRange[random.nextInt(inRange.length)];
    }
    double x;
    if (r < EDGE_PROBABILITY + SMALL_PROBABILITY) {
      double origin = min > 0 ? min : (max < 0 ? max : 0.0);
      double span = Math.max(Math.abs(max - origin), Math.abs(origin - min));
      double topExponent = Math.log10(Math.max(span, Double.MIN_NORMAL));
      double exponent = -scale + random.nextDouble() * Math.max(0.0, topExponent + scale);
      double magnitude = Math.pow(10, exponent) * random.nextDouble();
      boolean up = origin == min || (origin != max && random.nextBoolean());
      x = up ? origin + magnitude : origin - magnitude;
    } else {
      double half = min / 2 + random.nextDouble() * (max / 2 - min / 2);
      x = half * 2;
    }
    x = Math.min(max, Math.max(min, x));
    double rounded = new BigDecimal(x).setScale(scale, RoundingMode.HALF_EVEN).doubleValue();
    return Math.min(max, Math.max(min, rounded));
  }

  /**
   * One of {@code values}, each equally likely.
   *
   * @param <T> the value type
   * @param values the choices, not empty
   * @return the chosen value
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public <T> T pick(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    return values.get(random.nextInt(values.size()));
  }

  /**
   * One of {@code values}, each equally likely.
   *
   * @param <T> the value type
   * @param values the choices, not empty
   * @return the chosen value
   * @throws IllegalArgumentException if {@code values} is empty
   */
  @SafeVarargs
  public final <T> T pick(T... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    return values[random.nextInt(values.length)];
  }

  /**
   * A value of one of {@code generators}, each equally likely to be chosen.
   *
   * @param <T> the value type
   * @param generators the choices, not empty
   * @return the value the chosen generator made from this generator
   * @throws IllegalArgumentException if {@code generators} is empty
   */
  public <T> T oneOf(List<? extends Function<Generator, ? extends T>> generators) {
    return pick(generators).apply(this);
  }

  /**
   * A value of one of {@code generators}, each equally likely to be chosen.
   *
   * @param <T> the value type
   * @param generators the choices, not empty
   * @return the value the chosen generator made from this generator
   * @throws IllegalArgumentException if {@code generators} is empty
   */
  @SafeVarargs
  public final <T> T oneOf(Function<Generator, ? extends T>... generators) {
    if (generators.length == 0) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    return generators[random.nextInt(generators.length)].apply(this);
  }

  /**
   * A list of {@code minSize} to {@code maxSize} elements made by {@code element}.
   *
   * @param <T> the element type
   * @param minSize the smallest size, at least 0
   * @param maxSize the largest size
   * @param element makes one element from this generator
   * @return a new mutable list
   * @throws IllegalArgumentException if {@code minSize < 0} or {@code minSize > maxSize}
   */
  public <T> List<T> listOf(int minSize, int maxSize, Function<Generator, ? extends T> element) {
    int size = length(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(this));
    }
    return list;
  }

  /**
   * Null with probability {@code nullProbability}, otherwise a value of {@code value}.
   *
   * @param <T> the value type
   * @param nullProbability within [0, 1]
   * @param value makes the value from this generator
   * @return null or the value
   * @throws IllegalArgumentException if {@code nullProbability} is not within [0, 1]
   */
  public <T> T orNull(double nullProbability, Function<Generator, ? extends T> value) {
    return chance(nullProbability) ? null : value.apply(this);
  }

  /**
   * A string of {@code minLength} to {@code maxLength} characters of {@code alphabet}, each
   * equally likely.
   *
   * @param alphabet the allowed characters, not empty unless {@code maxLength} is 0
   * @param minLength the shortest length, at least 0
   * @param maxLength the longest length
   * @return the string
   * @throws IllegalArgumentException if the lengths are out of order or the alphabet is empty
   */
  public String stringOf(String alphabet, int minLength, int maxLength) {
    if (alphabet.isEmpty() && maxLength > 0) {
      throw new IllegalArgumentException("empty alphabet");
    }
    int length = length(minLength, maxLength);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /**
   * A string of {@code minLength} to {@code maxLength} characters within [{@code first}, {@code
   * last}]; {@code first} and {@code last} themselves are mixed in as edge characters.
   *
   * @param first the smallest allowed character
   * @param last the largest allowed character, at least {@code first}
   * @param minLength the shortest length, at least 0
   * @param maxLength the longest length
   * @return the string
   * @throws IllegalArgumentException if a range is empty or {@code minLength < 0}
   */
  public String stringInRange(char first, char last, int minLength, int maxLength) {
    if (first > last) {
      throw new IllegalArgumentException("empty character range");
    }
    int length = length(minLength, maxLength);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      double r = random.nextDouble();
      if (r < EDGE_PROBABILITY / 2) {
        s.append(first);
      } else if (r < EDGE_PROBABILITY) {
        s.append(last);
      } else {
        s.append((char) random.nextInt(first, last + 1));
      }
    }
    return s.toString();
  }

  /**
   * A string of {@code minLength} to {@code maxLength} characters of the Basic Multilingual
   * Plane, excluding surrogates (U+D800..U+DFFF), noncharacters (U+FDD0..U+FDEF, U+FFFE, U+FFFF)
   * and private-use characters (U+E000..U+F8FF); NUL, space, U+007F, U+0080, U+07FF, U+0800 and
   * U+FFFD (the edges of the UTF-8 encoding lengths) are mixed in.
   *
   * @param minLength the shortest length, at least 0
   * @param maxLength the longest length
   * @return the string
   * @throws IllegalArgumentException if {@code minLength < 0} or {@code minLength > maxLength}
   */
  public String unicodeString(int minLength, int maxLength) {
    int length = length(minLength, maxLength);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      if (random.nextDouble() < EDGE_PROBABILITY) {
        s.append(CHAR_EDGES[random.nextInt(CHAR_EDGES.length)]);
      } else {
        char c;
        do {
          c = (char) random.nextInt(0x10000);
        } while (!isOrdinaryBmpCharacter(c));
        s.append(c);
      }
    }
    return s.toString();
  }

  /**
   * {@code minLength} to {@code maxLength} bytes, each drawn like {@link #anyByte()}.
   *
   * @param minLength the shortest length, at least 0
   * @param maxLength the longest length
   * @return a new array
   * @throws IllegalArgumentException if {@code minLength < 0} or {@code minLength > maxLength}
   */
  public byte[] bytes(int minLength, int maxLength) {
    byte[] b = new byte[length(minLength, maxLength)];
    for (int i = 0; i < b.length; i++) {
      b[i] = anyByte();
    }
    return b;
  }

  /**
   * The first value of {@code values} that {@code accept} accepts.
   *
   * @param <T> the value type
   * @param values makes a candidate from this generator
   * @param accept the filter
   * @return the first accepted candidate
   * @throws IllegalStateException if 10,000 candidates in a row are rejected
   */
  public <T> T satisfying(Function<Generator, ? extends T> values, Predicate<? super T> accept) {
    for (int i = 0; i < MAX_FILTER_DRAWS; i++) {
      T candidate = values.apply(this);
      if (accept.test(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the filter rejected " + MAX_FILTER_DRAWS + " values in a row; generate closer to it");
  }

  private int length(int minLength, int maxLength) {
    if (minLength < 0) {
      throw new IllegalArgumentException("negative length " + minLength);
    }
    return intBetween(minLength, maxLength);
  }

  private static boolean isOrdinaryBmpCharacter(char c) {
    return !Character.isSurrogate(c)
        && !(c >= '\ufdd0' && c <= '\ufdef')
        && c != '\ufffe'
        && c != '\uffff'
        && !(c >= '\ue000' && c <= '\uf8ff');
  }

  private long edge(long min, long max) {
    long[] candidates = {min, max, -2, -1, 0, 1, 2};
    int inRange = 0;
    for (long c : candidates) {
      if (c >= min && c <= max) {
        candidates[inRange++] = c;
      }
    }
    return candidates[random.nextInt(inRange)];
  }

  /** A value at a log-uniform distance from zero, or from the bound nearest zero. */
  private long nearOrigin(long min, long max) {
    long origin = min > 0 ? min : (max < 0 ? max : 0);
    int bits = random.nextInt(64);
    long offset = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
    boolean up = origin == min || (origin != max && random.nextBoolean());
    // unsigned differences: origin lies within [min, max], so both fit in 64 unsigned bits
    if (up && Long.compareUnsigned(offset, max - origin) <= 0) {
      return origin + offset;
    }
    if (!up && Long.compareUnsigned(offset, origin - min) <= 0) {
      return origin - offset;
    }
    return uniform(min, max);
  }

  private long uniform(long min, long max) {
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    if (min == Long.MIN_VALUE) {
      return random.nextLong();
    }
    return random.nextLong(min - 1, max) + 1;
  }
}
