package dev.sluice.bench.nexmark;

/**
 * Q3 output (local item suggestion): {@code auction} in category 10 is sold by person {@code
 * personId}, who lives in Oregon, Idaho or California.
 *
 * <p>A POJO for Flink (public fields, no-argument constructor).
 */
public final class LocalItem {
  /** The category Q3 selects. */
  public static final long CATEGORY = 10;

  /** The seller. */
  public long personId;
  /** The seller's name. */
  public String name;
  /** The seller's city. */
  public String city;
  /** The seller's state. */
  public String state;
  /** The auction. */
  public long auction;

  /** For serializers. */
  public LocalItem() {}

  /** A result with every field given. */
  public LocalItem(long personId, String name, String city, String state, long auction) {
    this.personId = personId;
    this.name = name;
    this.city = city;
    this.state = state;
    this.auction = auction;
  }

  /** The join of a seller and one of their auctions. */
  public static LocalItem of(Person p, Auction a) {
    return new LocalItem(p.id, p.name, p.city, p.state, a.id);
  }

  /** True for the persons Q3 keeps. */
  public static boolean selects(Person p) {
    String s = p.state;
    return s.equals("OR") || s.equals("ID") || s.equals("CA");
  }

  /** True for the auctions Q3 keeps. */
  public static boolean selects(Auction a) {
    return a.category == CATEGORY;
  }

  /** This result's contribution to a {@link ResultDigest}. */
  public long digest() {
    return ResultDigest.mix(personId, auction, name.hashCode() * 31L + state.hashCode());
  }

  @Override
  public String toString() {
    return "LocalItem{personId=" + personId + ", state=" + state + ", auction=" + auction + '}';
  }
}
