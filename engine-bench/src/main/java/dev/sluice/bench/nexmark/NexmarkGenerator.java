package dev.sluice.bench.nexmark;

/**
 * Deterministic NEXMark-style event generator.
 *
 * <p>Event number {@code n} (from 0) is, by its position in each block of 50, a person (1 in 50),
 * an auction (3 in 50) or a bid (46 in 50), as in NEXMark. Its nominal time is {@code BASE_TIME +
 * n * 1000 / eventsPerSecond}; its event time is the nominal time minus a random delay of 0 to
 * {@code maxDelayMillis}, so times increase with disorder bounded by {@code maxDelayMillis}. Every
 * field of event {@code n} is a function of (seed, n) only, so generating bids alone or persons
 * and auctions alone gives the same events as generating all three.
 *
 * <ul>
 *   <li>Persons get ids 1000, 1001, … in order; names, cities and states come from small tables
 *       (states AZ, CA, ID, OR, WA, WY).
 *   <li>Auctions get ids 1000, 1001, … in order; the seller is one of the 20 newest persons, the
 *       category is 10 to 14.
 *   <li>A bid goes, with probability 1/2, to the current hot auction (the newest auction id
 *       rounded down to a multiple of 100), otherwise to one of the 1000 newest auctions; the
 *       bidder is one of the 1000 newest persons; the price is 100 to 1,000,099.
 * </ul>
 *
 * <p>Not thread-safe; allocates only the events and their arrays.
 */
public final class NexmarkGenerator {
  /** Time of event 0: 2026-01-01T00:00:00Z. */
  public static final long BASE_TIME = 1_767_225_600_000L;

  /** First person id. */
  public static final long FIRST_PERSON_ID = 1000;

  /** First auction id. */
  public static final long FIRST_AUCTION_ID = 1000;

  /** First category id; there are five. */
  public static final long FIRST_CATEGORY = 10;

  static final int BLOCK = 50;
  static final int PERSONS_PER_BLOCK = 1;
  static final int AUCTIONS_PER_BLOCK = 3;
  static final int BIDS_PER_BLOCK = 46;

  private static final String[] FIRST_NAMES = {
    "Ada", "Bram", "Cleo", "Dima", "Edda", "Finn", "Gita", "Hugo", "Ines", "Jonas", "Kaia", "Lev"
  };
  private static final String[] LAST_NAMES = {
    "Aalto", "Brandt", "Costa", "Duval", "Eriksen", "Fiore", "Grahn", "Holm", "Ishii", "Jansen"
  };
  private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  private static final String[][] CITIES = {
    {"Phoenix", "Tucson"},
    {"Fresno", "Sacramento", "San Diego"},
    {"Boise", "Nampa"},
    {"Bend", "Eugene", "Salem"},
    {"Spokane", "Tacoma", "Yakima"},
    {"Casper", "Laramie"}
  };
  private static final String[] NAMES = new String[FIRST_NAMES.length * LAST_NAMES.length];

  static {
    for (int i = 0; i < FIRST_NAMES.length; i++) {
      for (int j = 0; j < LAST_NAMES.length; j++) {
        NAMES[i * LAST_NAMES.length + j] = FIRST_NAMES[i] + " " + LAST_NAMES[j];
      }
    }
  }

  private final long seed;
  private final int eventsPerSecond;
  private final int maxDelayMillis;
  private final SplitMix random = new SplitMix();

  /**
   * A generator.
   *
   * @param seed the seed; equal seeds give equal events
   * @param eventsPerSecond event-time rate of the whole stream (persons, auctions and bids)
   * @param maxDelayMillis the largest delay of an event's time behind its nominal time (the
   *     disorder bound)
   * @throws IllegalArgumentException if the rate is not positive or the delay is negative
   */
  public NexmarkGenerator(long seed, int eventsPerSecond, int maxDelayMillis) {
    if (eventsPerSecond <= 0) {
      throw new IllegalArgumentException("eventsPerSecond must be > 0, was " + eventsPerSecond);
    }
    if (maxDelayMillis < 0) {
      throw new IllegalArgumentException("maxDelayMillis must be >= 0, was " + maxDelayMillis);
    }
    this.seed = seed;
    this.eventsPerSecond = eventsPerSecond;
    this.maxDelayMillis = maxDelayMillis;
  }

  /** The benchmarks' generator: 10,000 events per second of event time, up to 20 ms disorder. */
  public static NexmarkGenerator standard(long seed) {
    return new NexmarkGenerator(seed, 10_000, 20);
  }

  /** Persons among the first {@code events} events. */
  public static long personsIn(long events) {
    return events / BLOCK * PERSONS_PER_BLOCK + Math.min(events % BLOCK, PERSONS_PER_BLOCK);
  }

  /** Auctions among the first {@code events} events. */
  public static long auctionsIn(long events) {
    long rest = Math.max(0, Math.min(events % BLOCK - PERSONS_PER_BLOCK, AUCTIONS_PER_BLOCK));
    return events / BLOCK * AUCTIONS_PER_BLOCK + rest;
  }

  /** Bids among the first {@code events} events. */
  public static long bidsIn(long events) {
    long rest = Math.max(0, events % BLOCK - PERSONS_PER_BLOCK - AUCTIONS_PER_BLOCK);
    return events / BLOCK * BIDS_PER_BLOCK + rest;
  }

  /** The smallest number of events that holds {@code bids} bids. */
  public static long eventsForBids(long bids) {
    long blocks = bids / BIDS_PER_BLOCK;
    long rest = bids % BIDS_PER_BLOCK;
    return blocks * BLOCK + (rest == 0 ? 0 : PERSONS_PER_BLOCK + AUCTIONS_PER_BLOCK + rest);
  }

  /** The first {@code bids} bids (and no persons or auctions). */
  public NexmarkEvents bids(int bids) {
    return generate(eventsForBids(bids), false, false, true);
  }

  /** The persons and auctions among the first {@code events} events (no bids). */
  public NexmarkEvents personsAndAuctions(long events) {
    return generate(events, true, true, false);
  }

  /**
   * The first {@code events} events, keeping the kinds asked for.
   *
   * @throws IllegalArgumentException if a kept kind would not fit in an array
   */
  public NexmarkEvents generate(
      long events, boolean withPersons, boolean withAuctions, boolean withBids) {
    Person[] persons = new Person[withPersons ? size(personsIn(events)) : 0];
    Auction[] auctions = new Auction[withAuctions ? size(auctionsIn(events)) : 0];
    Bid[] bids = new Bid[withBids ? size(bidsIn(events)) : 0];
    int p = 0;
    int a = 0;
    int b = 0;
    for (long n = 0; n < events; n++) {
      int offset = (int) (n % BLOCK);
      if (offset < PERSONS_PER_BLOCK) {
        if (withPersons) {
          persons[p++] = person(n);
        }
      } else if (offset < PERSONS_PER_BLOCK + AUCTIONS_PER_BLOCK) {
        if (withAuctions) {
          auctions[a++] = auction(n);
        }
      } else if (withBids) {
        bids[b++] = bid(n);
      }
    }
    return new NexmarkEvents(persons, auctions, bids, maxDelayMillis);
  }

  private static int size(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " events of one kind do not fit in an array");
    }
    return (int) n;
  }

  private long time(long n, SplitMix r) {
    long nominal = BASE_TIME + n * 1000 / eventsPerSecond;
    return nominal - r.nextInt(maxDelayMillis + 1);
  }

  private Person person(long n) {
    SplitMix r = random.reseed(seed, n);
    long time = time(n, r);
    int state = r.nextInt(STATES.length);
    String[] cities = CITIES[state];
    return new Person(
        FIRST_PERSON_ID + personsIn(n),
        NAMES[r.nextInt(NAMES.length)],
        cities[r.nextInt(cities.length)],
        STATES[state],
        time);
  }

  private Auction auction(long n) {
    SplitMix r = random.reseed(seed, n);
    long time = time(n, r);
    long persons = personsIn(n); // at least 1: event 0 is a person
    long seller = FIRST_PERSON_ID + persons - 1 - r.nextInt((int) Math.min(persons, 20));
    return new Auction(
        FIRST_AUCTION_ID + auctionsIn(n),
        seller,
        FIRST_CATEGORY + r.nextInt(5),
        100 + r.nextInt(10_000),
        time + 2_000 + r.nextInt(20_000),
        time);
  }

  private Bid bid(long n) {
    SplitMix r = random.reseed(seed, n);
    long time = time(n, r);
    long lastAuction = auctionsIn(n) - 1; // at least 2: every block opens with 3 auctions
    long auction =
        r.nextInt(2) == 0
            ? lastAuction / 100 * 100
            : lastAuction - r.nextInt((int) Math.min(lastAuction + 1, 1000));
    long persons = personsIn(n);
    long bidder = persons - 1 - r.nextInt((int) Math.min(persons, 1000));
    return new Bid(
        FIRST_AUCTION_ID + auction, FIRST_PERSON_ID + bidder, 100 + r.nextInt(1_000_000), time);
  }
}
