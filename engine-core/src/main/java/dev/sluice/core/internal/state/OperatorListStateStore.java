package dev.sluice.core.internal.state;

import dev.sluice.core.state.ListState;
import dev.sluice.core.state.StateCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** {@link ListState} on an {@link ArrayList}; {@link #get} is a live unmodifiable view. */
public final class OperatorListStateStore<T> implements ListState<T> {
  private final String name;
  private final StateCodec<T> codec;
  private final ArrayList<T> elements = new ArrayList<>();
  private final List<T> view = Collections.unmodifiableList(elements);

  public OperatorListStateStore(String name, StateCodec<T> codec) {
    this.name = Objects.requireNonNull(name, "name");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public void add(T element) {
    elements.add(checked(element, -1));
  }

  @Override
  public void addAll(Collection<? extends T> more) {
    int i = 0;
    for (T e : more) {
      checked(e, i++);
    }
    elements.addAll(more);
  }

  @Override
  public List<T> get() {
    return view;
  }

  @Override
  public void update(Collection<? extends T> replacement) {
    if (replacement == view || replacement == elements) {
      // the live view, updated in place: its elements were checked when they were added
      return;
    }
    int i = 0;
    for (T e : replacement) {
      checked(e, i++);
    }
    elements.clear();
    elements.addAll(replacement);
  }

  @Override
  public void clear() {
    elements.clear();
  }

  @Override
  public int size() {
    return elements.size();
  }

  String name() {
    return name;
  }

  StateCodec<T> codec() {
    return codec;
  }

  StateMeta meta() {
    return new StateMeta(StateKind.LIST, null, null, codec.formatId());
  }

  private T checked(T element, int index) {
    if (element == null) {
      throw new NullPointerException(
          "list state '" + name + "' takes no null element" + (index >= 0 ? " (at position " + index + ")" : ""));
    }
    return element;
  }

  @Override
  public String toString() {
    return "ListState[" + name + ", " + elements.size() + " elements]";
  }
}
