package dev.sluice.bench.nexmark;

/**
 * A NEXMark person (a new user of the auction site) registered at {@code dateTime}.
 *
 * <p>A POJO for Flink's serializer (public fields, no-argument constructor); never mutated after
 * generation. Names, cities and states are shared strings from small tables, so a million
 * persons do not hold a million strings.
 */
public final class Person {
  /** Person id, unique. */
  public long id;
  /** Full name. */
  public String name;
  /** City. */
  public String city;
  /** US state, two letters. */
  public String state;
  /** Event time, epoch milliseconds. */
  public long dateTime;

  /** For serializers. */
  public Person() {}

  /** A person with every field given. */
  public Person(long id, String name, String city, String state, long dateTime) {
    this.id = id;
    this.name = name;
    this.city = city;
    this.state = state;
    this.dateTime = dateTime;
  }

  @Override
  public String toString() {
    return "Person{id=" + id + ", name=" + name + ", state=" + state + ", dateTime=" + dateTime
        + '}';
  }
}
