package dev.sluice.examples.cep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The six CEP examples produce what their seed scenarios call for. */
class CepExamplesTest {

  @Test
  void sequence() throws Exception {
    assertThat(LoginThenForeignPayment.alerts(LoginThenForeignPayment.scenario()))
        .containsExactly("acct-1: US login at 0, payment in FR at 120000");
  }

  @Test
  void conjunction() throws Exception {
    assertThat(AdminCallAndUsersQuery.alerts(AdminCallAndUsersQuery.scenario()))
        .containsExactlyInAnyOrder(
            "alice: admin call at 4000, users query at 0",
            "carol: admin call at 2000, users query at 3000");
  }

  @Test
  void disjunction() throws Exception {
    assertThat(ResourceAlert.alerts(ResourceAlert.scenario()))
        .containsExactlyInAnyOrder("web-1: cpu at 97.0%", "web-2: memory at 96.0%",
            "db-1: disk at 91.5%");
  }

  @Test
  void negationIsReportedWhenTheHourExpires() throws Exception {
    assertThat(AbandonedCart.abandoned(AbandonedCart.scenario()))
        .containsExactlyInAnyOrder("s2: cart from 60000 abandoned",
            "s3: cart from 120000 abandoned");
  }

  @Test
  void iteration() throws Exception {
    assertThat(FailedLoginBurst.alerts(FailedLoginBurst.scenario()))
        .containsExactlyInAnyOrder(
            "ann: 6 failed logins from 0, then success at 40000",
            "cid: 10 failed logins from 100000, then success at 130000");
  }

  @Test
  void temporalSequence() throws Exception {
    assertThat(MarketOpenPriceTrade.matches(MarketOpenPriceTrade.scenario()))
        .containsExactly("AAA: open 0, price 10.5 at 200, trade at 700");
  }
}
