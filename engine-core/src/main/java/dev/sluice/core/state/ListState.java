package dev.sluice.core.state;

import java.util.Collection;
import java.util.List;

/**
 * Non-keyed operator list state: a list of elements per operator instance, declared with a
 * {@link ListStateDescriptor}. When a job is restored at the same parallelism, every instance gets
 * its own list back; at another parallelism, the elements of all old instances are dealt
 * round-robin among the new ones (see the state backend's documentation), so each element must
 * make sense on any instance (for example, one source split with its offset).
 *
 * <p>Elements are never null. <b>Threading:</b> not thread-safe; used only from the owning
 * operator's callbacks. <b>Allocation:</b> {@link #get} allocates nothing; adding may grow the
 * list (amortised).
 *
 * @param <T> the element type
 */
public interface ListState<T> {

  /**
   * Appends {@code element}.
   *
   * @throws NullPointerException if {@code element} is null
   */
  void add(T element);

  /**
   * Appends every element of {@code elements}, in order.
   *
   * @throws NullPointerException if an element is null (nothing is added then)
   */
  void addAll(Collection<? extends T> elements);

  /**
   * An unmodifiable <em>live view</em> of the elements: it reflects later changes to the state
   * and must not be kept beyond the callback; copy it to keep a stable list. The elements are for
   * inspection: to change one, {@link #update} the list with a replacement.
   */
  List<T> get();

  /**
   * Replaces the elements with those of {@code elements}, in order.
   *
   * @throws NullPointerException if an element is null (the state is unchanged then)
   */
  void update(Collection<? extends T> elements);

  /** Removes every element. */
  void clear();

  /** How many elements the state holds. */
  int size();
}
