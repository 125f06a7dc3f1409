package dev.sluice.cep;

/** A test event: a key, a type letter, a small value and a unique sequence number. */
public record Ev(int key, char type, int value, int seq) {
  @Override
  public String toString() {
    return "" + key + type + value + "#" + seq;
  }
}
