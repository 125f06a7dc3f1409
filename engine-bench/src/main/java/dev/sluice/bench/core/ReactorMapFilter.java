package dev.sluice.bench.core;

import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * The Reactor peer of the fused-chain benchmarks: the same map → filter as their Sluice
 * pipelines over the same bids, counted by a subscriber that requests everything. Shared by
 * {@link FusedChainBench} and {@link PollutedFusedChainBench} so both compare with one peer.
 */
final class ReactorMapFilter {
  private ReactorMapFilter() {}

  /** Runs the chain over {@code bids} on the calling thread and returns the events that passed. */
  static long count(Bid[] bids) {
    long[] count = new long[1];
    Flux.fromArray(bids)
        .map(b -> b.auction % 123 == 0 ? b.channel : b.channel)
        .filter(c -> c.length() > 3)
        .subscribe(
            new BaseSubscriber<String>() {
              @Override
              protected void hookOnSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              protected void hookOnNext(String value) {
                count[0]++;
              }
            });
    return count[0];
  }
}
