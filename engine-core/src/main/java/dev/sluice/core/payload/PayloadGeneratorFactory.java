package dev.sluice.core.payload;

/**
 * Service-provider interface for payload generators, found through {@link
 * java.util.ServiceLoader}. A module registers its factories in {@code
 * META-INF/services/dev.sluice.core.payload.PayloadGeneratorFactory} (and with {@code provides}
 * in its {@code module-info.java}); {@link PayloadGenerators} looks them up by {@link #name()}.
 *
 * <p><b>Threading:</b> factories are stateless and thread-safe.
 */
public interface PayloadGeneratorFactory {

  /** The unique name scenarios use, for example {@code senml}, {@code opcua}, {@code prometheus}. */
  String name();

  /** One line for listings. */
  String description();

  /**
   * Creates a generator.
   *
   * @throws IllegalArgumentException naming the option, if the spec has an option this generator
   *     does not accept or a value it cannot use
   */
  PayloadGenerator create(GeneratorSpec spec);
}
