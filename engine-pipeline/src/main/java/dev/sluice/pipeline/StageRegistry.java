package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The stage types a pipeline file can name: every {@link StageFactory} that {@link
 * ServiceLoader} finds. The built-ins of this module (sources {@code jsonl}, {@code csv}, {@code
 * generator}; operators {@code filter}, {@code map}, {@code flatMap}, {@code aggregate}, {@code
 * window}, decoders; sinks {@code jsonl}, {@code csv}, {@code stdout}, {@code http}) are found the
 * same way as those of plug-in modules (CEP, joins and connectors register theirs when they are
 * on the path).
 *
 * <p>Immutable and thread-safe once created.
 */
public final class StageRegistry {
  private final Map<StageFactory.Role, Map<String, StageFactory>> byRole;

  private StageRegistry(List<StageFactory> factories) {
    Map<StageFactory.Role, Map<String, StageFactory>> m = new java.util.EnumMap<>(StageFactory.Role.class);
    for (StageFactory.Role r : StageFactory.Role.values()) {
      m.put(r, new TreeMap<>());
    }
    for (StageFactory f : factories) {
      StageFactory old = m.get(f.role()).putIfAbsent(f.type(), f);
      if (old != null && old.getClass() != f.getClass()) {
        throw new IllegalStateException("two " + f.role().name().toLowerCase(java.util.Locale.ROOT)
            + " factories for type '" + f.type() + "': " + old.getClass().getName() + " and "
            + f.getClass().getName());
      }
    }
    m.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    this.byRole = m;
  }

  /**
   * The factories found by {@link ServiceLoader} with this module's class loader.
   *
   * @throws IllegalStateException if two factories claim one type and role
   */
  public static StageRegistry load() {
    return load(StageRegistry.class.getClassLoader());
  }

  /** The factories found by {@link ServiceLoader} with {@code loader}. */
  public static StageRegistry load(ClassLoader loader) {
    List<StageFactory> all = new ArrayList<>();
    ServiceLoader.load(StageFactory.class, loader).forEach(all::add);
    if (StageRegistry.class.getModule().isNamed()) {
      ServiceLoader.load(StageRegistry.class.getModule().getLayer(), StageFactory.class).forEach(all::add);
    }
    return new StageRegistry(all);
  }

  /** A registry of exactly {@code factories} (for tests and embedding). */
  public static StageRegistry of(List<StageFactory> factories) {
    return new StageRegistry(factories);
  }

  /** The factory for {@code type} in {@code role}. */
  public Optional<StageFactory> find(StageFactory.Role role, String type) {
    return Optional.ofNullable(byRole.get(role).get(type));
  }

  /** The types of {@code role}, sorted. */
  public List<String> types(StageFactory.Role role) {
    return List.copyOf(byRole.get(role).keySet());
  }

  /** Every factory, by role then type. */
  public List<StageFactory> all() {
    List<StageFactory> out = new ArrayList<>();
    for (StageFactory.Role r : StageFactory.Role.values()) {
      out.addAll(byRole.get(r).values());
    }
    return out;
  }
}
