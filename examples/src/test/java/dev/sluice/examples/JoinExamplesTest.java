package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.examples.OrdersPayments.PaidOrder;
import dev.sluice.examples.OrdersPayments.Payment;
import dev.sluice.examples.UserEnrichment.EnrichedClick;
import dev.sluice.examples.UserEnrichment.User;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The join examples produce what their documentation says. */
class JoinExamplesTest {
  private static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void ordersMeetTheirPaymentsWithinTheMinuteAndUnpaidOrdersComeOutWithoutOne() throws Exception {
    OrdersPayments.Result r =
        OrdersPayments.run(engine, OrdersPayments.sampleOrders(), OrdersPayments.samplePayments());
    List<String> rows =
        r.rows().stream()
            .map(x -> x.order().orderId() + (x.paid() ? "+" + x.payment().timeMillis() : "-"))
            .toList();
    // o4's payment falls in the next minute: unpaid; o5 paid twice. o2's payment comes after the
    // payments' watermark passed its window: late if the orders' watermark has passed it too
    // when the payment is processed (the join's watermark is the minimum of both), else joined
    boolean o2Late = !r.latePayments().isEmpty();
    assertThat(rows)
        .containsExactlyInAnyOrder(
            "o1+8000", o2Late ? "o2-" : "o2+30000", "o3+41000", "o4-", "o5+71000", "o5+72000");
    if (o2Late) {
      assertThat(r.latePayments()).singleElement().isInstanceOf(Payment.class)
          .extracting(p -> ((Payment) p).orderId()).isEqualTo("o2");
    }
    assertThat(r.rows()).filteredOn(PaidOrder::paid).allMatch(x -> x.order().orderId().equals(x.payment().orderId()));
  }

  @Test
  void clicksAreEnrichedFromAStaticTableKeepingUnknownUsers() throws Exception {
    List<EnrichedClick> out =
        UserEnrichment.withStaticTable(engine, UserEnrichment.CLICKS, UserEnrichment.USERS);
    assertThat(out.stream().map(EnrichedClick::toString))
        .containsExactlyInAnyOrder(
            "/home by Ada (premium)",
            "/pricing by Bram (standard)",
            "/signup by unknown user u9",
            "/checkout by Ada (premium)");
  }

  @Test
  void clicksWaitForTheirUserInAChangelogTableAndDeletedUsersNoLongerMatch() throws Exception {
    List<User> changes =
        List.of(
            new User("u9", "Cleo", "trial", false),
            UserEnrichment.USERS.get("u1"),
            new User("u2", "Bram", "standard", false),
            new User("u2", null, null, true));
    List<EnrichedClick> out = UserEnrichment.withChangelog(engine, UserEnrichment.CLICKS, changes);
    // u2's click meets the row or not depending on whether its deletion came first, as in Kafka
    // Streams; the others always meet theirs
    assertThat(out.stream().map(EnrichedClick::toString).filter(s -> !s.contains("Bram")))
        .containsExactlyInAnyOrder(
            "/home by Ada (premium)", "/signup by Cleo (trial)", "/checkout by Ada (premium)");
    assertThat(out).hasSizeBetween(3, 4);
  }
}
