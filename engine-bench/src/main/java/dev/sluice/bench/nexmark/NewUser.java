package dev.sluice.bench.nexmark;

/**
 * Q8 output (new users): person {@code personId} registered and opened {@code auction} within
 * the same 10 s tumbling window, ending at {@code windowEnd} (exclusive). One result per (person,
 * auction) pair.
 *
 * <p>A POJO for Flink (public fields, no-argument constructor).
 */
public final class NewUser {
  /** Q8's tumbling window size. */
  public static final long WINDOW_MILLIS = 10_000;

  /** Window end, exclusive. */
  public long windowEnd;
  /** The person. */
  public long personId;
  /** The person's name. */
  public String name;
  /** An auction the person opened in the window. */
  public long auction;

  /** For serializers. */
  public NewUser() {}

  /** A result with every field given. */
  public NewUser(long windowEnd, long personId, String name, long auction) {
    this.windowEnd = windowEnd;
    this.personId = personId;
    this.name = name;
    this.auction = auction;
  }

  /** This result's contribution to a {@link ResultDigest}. */
  public long digest() {
    return ResultDigest.mix(windowEnd, personId, auction, name.hashCode(), 8);
  }

  @Override
  public String toString() {
    return "NewUser{windowEnd=" + windowEnd + ", personId=" + personId + ", auction=" + auction
        + '}';
  }
}
