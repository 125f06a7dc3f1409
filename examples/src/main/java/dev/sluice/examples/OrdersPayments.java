package dev.sluice.examples;

import dev.sluice.cep.join.Joins;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.windowing.TumblingWindows;
import java.time.Duration;
import java.util.List;

/**
 * Orders joined with their payments within one-minute windows, the seeds' first join example.
 *
 * <p>Orders and payments arrive as two streams with event time and up to 5 s of disorder. A
 * payment meets its order when both fall in the same one-minute tumbling window (Flink's window
 * join). Run as a left outer join, every order comes out once its window closes: with its
 * payment(s), or with {@code null} if none arrived in that window — the unpaid orders to chase.
 * A payment that arrives after its window closed is late and goes to a side output.
 *
 * <p>Usage: {@code OrdersPayments} (prints the joined rows and the late payments).
 */
public final class OrdersPayments {

  /** An order placed at {@code timeMillis}. */
  public record Order(String orderId, String customer, long amountCents, long timeMillis) {}

  /** A payment of an order at {@code timeMillis}. */
  public record Payment(String orderId, String method, long amountCents, long timeMillis) {}

  /** An order with its payment, or with {@code null} if it was not paid within its window. */
  public record PaidOrder(Order order, Payment payment) {
    /** True if a payment was found. */
    public boolean paid() {
      return payment != null;
    }
  }

  /** What the job produced. */
  public record Result(List<PaidOrder> rows, List<Object> latePayments) {}

  private OrdersPayments() {}

  /** Builds and runs the join of {@code orders} with {@code payments} on {@code engine}. */
  public static Result run(Engine engine, List<Order> orders, List<Payment> payments)
      throws Exception {
    Pipeline p = Pipeline.create();
    Stage<Order> orderStream =
        p.source(Sources.fromIterable("orders", orders)).withTimestamps(Order::timeMillis, 5_000);
    Stage<Payment> paymentStream =
        p.source(Sources.fromIterable("payments", payments))
            .withTimestamps(Payment::timeMillis, 5_000);

    Stage<PaidOrder> joined =
        Joins.join(orderStream.keyBy(Order::orderId), paymentStream.keyBy(Payment::orderId))
            .window(TumblingWindows.of(Duration.ofMinutes(1)))
            .leftOuter()
            .apply("orders-with-payments", PaidOrder::new);

    CollectSink<PaidOrder> rows = Sinks.collect("rows");
    CollectSink<Object> late = Sinks.collect("late-payments");
    joined.sink(rows);
    joined.sideOutput(Joins.LATE_RIGHT).sink(late);
    Job job = engine.submit(p, "orders-payments");
    job.join(Duration.ofMinutes(1));
    return new Result(rows.items(), late.items());
  }

  /** Sample orders: four orders in the first minute, one in the second. */
  static List<Order> sampleOrders() {
    return List.of(
        new Order("o1", "ada", 1_250, 1_000),
        new Order("o2", "bram", 990, 12_000),
        new Order("o3", "cleo", 4_500, 30_000),
        new Order("o4", "dima", 700, 50_000),
        new Order("o5", "edda", 3_000, 70_000));
  }

  /**
   * Sample payments: o1 and o3 paid in the same minute, o4 paid in the next minute (too late for
   * its window, so o4 stays unpaid), o5 paid twice, and a payment of o2 delivered after the
   * payments' watermark passed its window: late, unless the orders stream has not got that far
   * yet when it is processed (the join's watermark is the minimum of both inputs').
   */
  static List<Payment> samplePayments() {
    return List.of(
        new Payment("o1", "card", 1_250, 8_000),
        new Payment("o3", "iban", 4_500, 41_000),
        new Payment("o4", "card", 700, 61_000),
        new Payment("o5", "card", 1_500, 71_000),
        new Payment("o5", "card", 1_500, 72_000),
        new Payment("zz", "card", 100, 130_000),
        new Payment("o2", "card", 990, 30_000));
  }

  /** Runs the sample and prints what came out. */
  public static void main(String[] args) throws Exception {
    try (Engine engine = Engine.create()) {
      Result r = run(engine, sampleOrders(), samplePayments());
      for (PaidOrder row : r.rows()) {
        System.out.println(
            row.paid()
                ? "paid:   " + row.order().orderId() + " by " + row.payment().method()
                : "UNPAID: " + row.order().orderId() + " (" + row.order().customer() + ")");
      }
      for (Object late : r.latePayments()) {
        System.out.println("late payment: " + late);
      }
    }
  }
}
