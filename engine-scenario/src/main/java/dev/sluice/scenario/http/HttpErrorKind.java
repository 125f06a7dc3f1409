package dev.sluice.scenario.http;

/**
 * Why a request of an HTTP target did not succeed. Each request has at most one kind; every
 * request that was due in the measured phase is either a success or counted under one kind.
 */
public enum HttpErrorKind {
  /** No response within the spec's timeout (the client's or mapAsync's, whichever came first). */
  TIMEOUT,
  /** The connection was refused (nothing listening, or the server's backlog was full). */
  CONNECT_REFUSED,
  /** Another I/O failure: reset, closed mid-response, unreachable host, connect timeout. */
  CONNECTION_FAILED,
  /** A 4xx status outside the success ranges. */
  STATUS_4XX,
  /** A 5xx status outside the success ranges. */
  STATUS_5XX,
  /** Any other status outside the success ranges (1xx, 2xx or 3xx not declared successful). */
  STATUS_OTHER,
  /** A status counted as success, but the body failed the spec's body check. */
  BODY_MISMATCH,
  /** Not sent: the circuit breaker was open (the call was not permitted). */
  CIRCUIT_OPEN,
  /**
   * Not sent: the cap on requests in flight was reached — the request waited longer than the
   * plan's {@code maxWait} (policy SKIP), or a slot was still held by an exchange that had been
   * abandoned on a timeout and had not ended yet.
   */
  IN_FLIGHT_CAP,
  /** Not sent: a template needs a field this payload does not have. */
  TEMPLATE,
  /** Anything else the client threw (for example an invalid URL after filling the template). */
  OTHER
}
