package dev.sluice.core.payload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Looks up {@link PayloadGeneratorFactory} implementations on the class path or module path.
 *
 * <p><b>Threading:</b> thread-safe; each call performs a fresh {@link ServiceLoader} scan, so
 * callers that look up often should keep the factory.
 */
public final class PayloadGenerators {

  private PayloadGenerators() {}

  /** Every registered factory, sorted by name. */
  public static List<PayloadGeneratorFactory> available() {
    List<PayloadGeneratorFactory> all = new ArrayList<>();
    for (PayloadGeneratorFactory f : ServiceLoader.load(PayloadGeneratorFactory.class)) {
      all.add(f);
    }
    all.sort(Comparator.comparing(PayloadGeneratorFactory::name));
    return List.copyOf(all);
  }

  /** The factory registered under {@code name}, if any. */
  public static Optional<PayloadGeneratorFactory> find(String name) {
    for (PayloadGeneratorFactory f : ServiceLoader.load(PayloadGeneratorFactory.class)) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The factory registered under {@code name}.
   *
   * @throws IllegalArgumentException listing the available names, if none is registered
   */
  public static PayloadGeneratorFactory require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no payload generator named '"
                        + name
                        + "'; available: "
                        + available().stream().map(PayloadGeneratorFactory::name).toList()));
  }
}
