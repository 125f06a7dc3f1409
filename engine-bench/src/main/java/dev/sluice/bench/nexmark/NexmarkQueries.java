package dev.sluice.bench.nexmark;

/**
 * The parameters of the benchmark queries, shared by every engine's version of them.
 *
 * <ul>
 *   <li><b>Q5</b> (hot items): bids per auction in 10 s windows sliding by 2 s; per window, the
 *       auction with the most bids ({@link HotItem}).
 *   <li><b>Q7</b> (highest bid): the highest bid of each 10 s tumbling window ({@link
 *       HighestBid}).
 *   <li><b>CEP</b>: per key, an A followed by a B within 5 s ({@link CepMatch}).
 *   <li><b>Q3</b> (local item suggestion): persons in OR, ID or CA joined with the category-10
 *       auctions they sell ({@link LocalItem}); not windowed.
 *   <li><b>Q8</b> (new users): persons joined with the auctions they opened in the same 10 s
 *       tumbling window ({@link NewUser}).
 * </ul>
 *
 * <p>Windows are {@code [start, end)}, aligned to multiples of their slide since the epoch.
 */
public final class NexmarkQueries {
  /** Q5's window size. */
  public static final long Q5_WINDOW_MILLIS = 10_000;

  /** Q5's slide. */
  public static final long Q5_SLIDE_MILLIS = 2_000;

  /** Q7's tumbling window size. */
  public static final long Q7_WINDOW_MILLIS = 10_000;

  private NexmarkQueries() {}
}
