package dev.sluice.windowing.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A key made of several fields, for grouping by more than one field: {@code
 * keyBy(sale -> CompositeKey.of(sale.region(), sale.product()))} or {@code groupingBy(sale ->
 * CompositeKey.of(sale.region(), sale.product()), counting())}.
 *
 * <p>Two composite keys are equal when their components are equal in order. As a record it is
 * hashed by {@link dev.sluice.core.state.KeyGroups#stableHash} from its components, so it routes
 * to the same key group in every JVM provided each component does (strings, boxed primitives,
 * enums, UUIDs, records, lists, or classes with their own {@code hashCode}); it is written into
 * snapshots by {@link dev.sluice.core.state.StateCodecs#dynamic()} when its components are.
 * Components may be null.
 *
 * <p>Immutable and thread-safe (if its components are). <b>Allocation:</b> {@link #of} allocates
 * the key and its component list.
 *
 * @param components the fields, in order (copied into an unmodifiable list)
 */
public record CompositeKey(List<Object> components) {

  /** Copies {@code components} into an unmodifiable list. */
  public CompositeKey {
    components = Collections.unmodifiableList(new ArrayList<>(components));
  }

  /** A key of two fields. */
  public static CompositeKey of(Object first, Object second) {
    return new CompositeKey(Arrays.asList(first, second));
  }

  /** A key of three fields. */
  public static CompositeKey of(Object first, Object second, Object third) {
    return new CompositeKey(Arrays.asList(first, second, third));
  }

  /** A key of any number of fields (the array is copied). */
  public static CompositeKey of(Object... components) {
    return new CompositeKey(Arrays.asList(components));
  }

  /** The {@code i}-th component. */
  public Object get(int i) {
    return components.get(i);
  }

  /** How many components there are. */
  public int size() {
    return components.size();
  }
}
