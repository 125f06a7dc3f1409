package dev.sluice.bench.nexmark;

/**
 * Pre-generated NEXMark events, each kind in its own array in arrival order (the order a source
 * emits them). Arrays of kinds that were not asked for are empty.
 *
 * @param persons persons in arrival order
 * @param auctions auctions in arrival order
 * @param bids bids in arrival order
 * @param maxOutOfOrdernessMillis how far an event's time may be behind the highest time before it
 *     in the same array (also within any subsequence of it): the bound to give watermarks
 */
public record NexmarkEvents(
    Person[] persons, Auction[] auctions, Bid[] bids, long maxOutOfOrdernessMillis) {}
