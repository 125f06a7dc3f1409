package dev.sluice.cep.internal;

import dev.sluice.cep.MatchContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@link MatchContext} of iterative conditions: a view of one partial match's chain of
 * nodes in the shared buffer, repointed before each use (one instance per operator instance).
 */
final class ChainContext<T> implements MatchContext<T> {
  private Nfa<T> nfa;
  private SharedBuffer buffer;
  private int node;
  private long start;

  void set(Nfa<T> nfa, SharedBuffer buffer, int node, long start) {
    this.nfa = nfa;
    this.buffer = buffer;
    this.node = node;
    this.start = start;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<T> events(String name) {
    int b = nfa.bindingOf(name);
    List<T> out = new ArrayList<>();
    for (int n = node; n != SharedBuffer.NONE; n = buffer.nodePrev[n]) {
      if (buffer.nodeBinding[n] == b) {
        out.add((T) buffer.events[buffer.nodeEvent[n]]);
      }
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public int count(String name) {
    int b = nfa.bindingOf(name);
    int c = 0;
    for (int n = node; n != SharedBuffer.NONE; n = buffer.nodePrev[n]) {
      if (buffer.nodeBinding[n] == b) {
        c++;
      }
    }
    return c;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T last(String name) {
    int b = nfa.bindingOf(name);
    for (int n = node; n != SharedBuffer.NONE; n = buffer.nodePrev[n]) {
      if (buffer.nodeBinding[n] == b) {
        return (T) buffer.events[buffer.nodeEvent[n]];
      }
    }
    return null;
  }

  @Override
  public long startTime() {
    return node == SharedBuffer.NONE ? Long.MIN_VALUE : start;
  }
}
