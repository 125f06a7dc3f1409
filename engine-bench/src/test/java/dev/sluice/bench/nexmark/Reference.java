package dev.sluice.bench.nexmark;

import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_SLIDE_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q5_WINDOW_MILLIS;
import static dev.sluice.bench.nexmark.NexmarkQueries.Q7_WINDOW_MILLIS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Plain-Java references for the benchmark queries: obvious code over whole arrays. */
final class Reference {
  private Reference() {}

  static ResultDigest digest(List<Long> digests) {
    long sum = 0;
    for (long d : digests) {
      sum += d;
    }
    return new ResultDigest(digests.size(), sum);
  }

  /** Q5: every window a bid belongs to, counted per auction; then the best auction per window. */
  static List<HotItem> q5(Bid[] bids) {
    Map<Long, Map<Long, Long>> counts = new TreeMap<>(); // window end -> auction -> count
    for (Bid b : bids) {
      long firstEnd = Math.floorDiv(b.dateTime, Q5_SLIDE_MILLIS) * Q5_SLIDE_MILLIS + Q5_SLIDE_MILLIS;
      for (long end = firstEnd; end < firstEnd + Q5_WINDOW_MILLIS; end += Q5_SLIDE_MILLIS) {
        if (b.dateTime >= end - Q5_WINDOW_MILLIS && b.dateTime < end) {
          counts.computeIfAbsent(end, e -> new HashMap<>()).merge(b.auction, 1L, Long::sum);
        }
      }
    }
    List<HotItem> out = new ArrayList<>();
    counts.forEach(
        (end, perAuction) -> {
          HotItem best = null;
          for (Map.Entry<Long, Long> e : perAuction.entrySet()) {
            HotItem h = new HotItem(end, e.getKey(), e.getValue());
            best = best == null ? h : HotItem.better(best, h);
          }
          out.add(best);
        });
    return out;
  }

  /** Q7: the highest bid of every tumbling window. */
  static List<HighestBid> q7(Bid[] bids) {
    Map<Long, Bid> best = new TreeMap<>();
    for (Bid b : bids) {
      long end = Math.floorDiv(b.dateTime, Q7_WINDOW_MILLIS) * Q7_WINDOW_MILLIS + Q7_WINDOW_MILLIS;
      best.merge(end, b, HighestBid::higher);
    }
    List<HighestBid> out = new ArrayList<>();
    best.forEach((end, b) -> out.add(HighestBid.of(end, b)));
    return out;
  }

  /** CEP: per key in time order, every A with the first later B, if less than 5 s later. */
  static List<CepMatch> cep(CepEvent[] events) {
    CepEvent[] sorted = events.clone();
    Arrays.sort(sorted, Comparator.comparingLong((CepEvent e) -> e.key).thenComparingLong(e -> e.time));
    List<CepMatch> out = new ArrayList<>();
    for (int i = 0; i < sorted.length; i++) {
      CepEvent a = sorted[i];
      if (a.type != CepEvent.A) {
        continue;
      }
      for (int j = i + 1; j < sorted.length && sorted[j].key == a.key; j++) {
        if (sorted[j].type == CepEvent.B) {
          if (sorted[j].time - a.time < CepMatch.WITHIN_MILLIS) {
            out.add(new CepMatch(a.key, a.time, sorted[j].time));
          }
          break;
        }
      }
    }
    return out;
  }

  /** How many A's have their first later B (same key) exactly {@link CepMatch#WITHIN_MILLIS} later. */
  static int firstBExactlyAtBound(CepEvent[] events) {
    CepEvent[] sorted = events.clone();
    Arrays.sort(sorted, Comparator.comparingLong((CepEvent e) -> e.key).thenComparingLong(e -> e.time));
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i].type != CepEvent.A) {
        continue;
      }
      for (int j = i + 1; j < sorted.length && sorted[j].key == sorted[i].key; j++) {
        if (sorted[j].type == CepEvent.B) {
          n += sorted[j].time - sorted[i].time == CepMatch.WITHIN_MILLIS ? 1 : 0;
          break;
        }
      }
    }
    return n;
  }

  /** Q3: every selected auction whose seller is a selected person, wherever they are. */
  static List<LocalItem> q3(Person[] persons, Auction[] auctions) {
    Map<Long, Person> byId = new HashMap<>();
    for (Person p : persons) {
      if (LocalItem.selects(p)) {
        byId.put(p.id, p);
      }
    }
    List<LocalItem> out = new ArrayList<>();
    for (Auction a : auctions) {
      Person p = byId.get(a.seller);
      if (p != null && LocalItem.selects(a)) {
        out.add(LocalItem.of(p, a));
      }
    }
    return out;
  }

  /** Q8: pairs of a person and an auction they opened, both in the same tumbling window. */
  static List<NewUser> q8(Person[] persons, Auction[] auctions) {
    long w = NewUser.WINDOW_MILLIS;
    Map<List<Long>, List<Person>> personsByWindowAndId = new HashMap<>();
    for (Person p : persons) {
      long end = Math.floorDiv(p.dateTime, w) * w + w;
      personsByWindowAndId.computeIfAbsent(List.of(end, p.id), k -> new ArrayList<>()).add(p);
    }
    List<NewUser> out = new ArrayList<>();
    for (Auction a : auctions) {
      long end = Math.floorDiv(a.dateTime, w) * w + w;
      for (Person p : personsByWindowAndId.getOrDefault(List.of(end, a.seller), List.of())) {
        out.add(new NewUser(end, p.id, p.name, a.id));
      }
    }
    return out;
  }
}
