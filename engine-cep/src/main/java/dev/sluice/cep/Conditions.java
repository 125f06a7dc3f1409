package dev.sluice.cep;

import java.util.Objects;

/** Composition of conditions; the composites stay recognisable as simple when both parts are. */
final class Conditions {
  private Conditions() {}

  /** The condition that accepts every event. */
  @SuppressWarnings("unchecked")
  static <T> IterativeCondition<T> always() {
    return (IterativeCondition<T>) Always.INSTANCE;
  }

  static <T> IterativeCondition<T> simple(SimpleCondition<T> c) {
    return new Simple<>(Objects.requireNonNull(c, "condition"));
  }

  static <T> IterativeCondition<T> and(IterativeCondition<T> a, IterativeCondition<T> b) {
    if (a instanceof Always) {
      return b;
    }
    return new And<>(a, b);
  }

  static <T> IterativeCondition<T> or(IterativeCondition<T> a, IterativeCondition<T> b) {
    return new Or<>(a, b);
  }

  private static final class Always implements IterativeCondition<Object> {
    private static final long serialVersionUID = 1L;
    static final Always INSTANCE = new Always();

    @Override
    public boolean test(Object event, MatchContext<Object> context) {
      return true;
    }

    @Override
    public SimpleCondition<Object> asSimple() {
      return e -> true;
    }

    private Object readResolve() {
      return INSTANCE;
    }
  }

  private record Simple<T>(SimpleCondition<T> condition) implements IterativeCondition<T> {
    @Override
    public boolean test(T event, MatchContext<T> context) {
      return condition.test(event);
    }

    @Override
    public SimpleCondition<T> asSimple() {
      return condition;
    }
  }

  private record And<T>(IterativeCondition<T> a, IterativeCondition<T> b)
      implements IterativeCondition<T> {
    @Override
    public boolean test(T event, MatchContext<T> context) {
      return a.test(event, context) && b.test(event, context);
    }

    @Override
    public SimpleCondition<T> asSimple() {
      SimpleCondition<T> x = a.asSimple();
      SimpleCondition<T> y = b.asSimple();
      return x == null || y == null ? null : new SimpleAnd<>(x, y);
    }
  }

  private record Or<T>(IterativeCondition<T> a, IterativeCondition<T> b)
      implements IterativeCondition<T> {
    @Override
    public boolean test(T event, MatchContext<T> context) {
      return a.test(event, context) || b.test(event, context);
    }

    @Override
    public SimpleCondition<T> asSimple() {
      SimpleCondition<T> x = a.asSimple();
      SimpleCondition<T> y = b.asSimple();
      return x == null || y == null ? null : new SimpleOr<>(x, y);
    }
  }

  private record SimpleAnd<T>(SimpleCondition<T> a, SimpleCondition<T> b)
      implements SimpleCondition<T> {
    @Override
    public boolean test(T event) {
      return a.test(event) && b.test(event);
    }
  }

  private record SimpleOr<T>(SimpleCondition<T> a, SimpleCondition<T> b)
      implements SimpleCondition<T> {
    @Override
    public boolean test(T event) {
      return a.test(event) || b.test(event);
    }
  }
}
