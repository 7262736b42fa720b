/**
 * In-process counters for the DingTalk transport, rendered in the Prometheus text exposition
 * format (version 0.0.4) for `GET /metrics`. Dependency-free on purpose: a handful of counters
 * does not justify prom-client, and the adapter must not depend on a global registry.
 */

type Labels<L extends string> = [L] extends [never] ? Record<string, never> : Record<L, string>;

/** A monotonically increasing counter, optionally split by labels. */
export class Counter<L extends string = never> {
  private readonly values = new Map<string, { labels: Record<string, string>; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** Adds `by` (default 1) to the series identified by `labels`. */
  inc(...args: [L] extends [never] ? [labels?: Labels<L>, by?: number] : [labels: Labels<L>, by?: number]): void {
    const [labels = {}, by = 1] = args as [Record<string, string> | undefined, number | undefined];
    const key = seriesKey(labels);
    const series = this.values.get(key);
    if (series) series.value += by;
    else this.values.set(key, { labels: { ...labels }, value: by });
  }

  /** The current value of one series (0 when never incremented); the sum of all when no labels. */
  get(labels?: Partial<Labels<L>>): number {
    if (labels === undefined) {
      let total = 0;
      for (const s of this.values.values()) total += s.value;
      return total;
    }
    return this.values.get(seriesKey(labels as Record<string, string>))?.value ?? 0;
  }

  /** Prometheus text for this counter. */
  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${renderLabels(labels)} ${value}`);
    return lines.join("\n");
  }
}

/** A value read at scrape time (connected, seconds since the last frame, queue depth). */
export interface Gauge {
  name: string;
  help: string;
  read: () => number;
}

/**
 * The DingTalk transport's metrics. Create one, pass it to `startDingTalk({ metrics })` (or use
 * the handle's), and serve {@link Metrics.render} from the health server.
 */
export class Metrics {
  /** Robot messages accepted for processing, by content kind. */
  readonly messagesReceived = new Counter<"kind">("dingtalk_messages_received_total", "Robot messages received, by content kind.");
  /** Messages (or parts of split messages) accepted by DingTalk, by channel. */
  readonly repliesSent = new Counter<"via">("dingtalk_replies_sent_total", "Messages delivered to DingTalk, by channel (webhook, push, card, group-api).");
  /** Pipeline replies, by reply kind (answer, clarify, fallback, ...). */
  readonly answers = new Counter<"kind">("dingtalk_answers_total", "Replies produced by the pipeline, by kind.");
  /** Failures, by stage (frame, message, handler, webhook, push, undeliverable, ack). */
  readonly failures = new Counter<"stage">("dingtalk_failures_total", "Failures, by stage.");
  /** Re-delivered or repeated messages dropped by msgId. */
  readonly duplicatesDropped = new Counter("dingtalk_duplicates_dropped_total", "Duplicate robot messages dropped by msgId.");
  /** Times a live connection was lost and a reconnect began. */
  readonly reconnects = new Counter<"reason">("dingtalk_reconnects_total", "Connections lost and re-opened, by reason.");
  /** Gateway connection attempts, by result. */
  readonly connectAttempts = new Counter<"result">("dingtalk_connect_attempts_total", "Gateway connection attempts, by result.");
  /** Flood control: notices sent, and each message dropped because its sender was flooding. */
  readonly flood = new Counter<"action">("dingtalk_flood_total", "Flood control: notices sent (notice) and messages dropped (dropped).");
  /** Sends that waited for the per-conversation rate limit. */
  readonly throttled = new Counter("dingtalk_throttled_sends_total", "Sends delayed by the per-conversation rate limit.");
  /** Delivery retries after a transient failure. */
  readonly retries = new Counter<"via">("dingtalk_delivery_retries_total", "Delivery retries after transient failures, by channel.");

  /** Deliveries whose outcome is unknown (timeout after sending, or in flight at a crash): not repeated. */
  readonly ambiguous = new Counter<"via">("dingtalk_deliveries_ambiguous_total", "Deliveries whose outcome is unknown and that were not repeated, by channel.");
  /** Replies given up: webhook expired or failing and no 1:1 push possible, or refused for good. */
  readonly undeliverable = new Counter<"reason">("dingtalk_replies_undeliverable_total", "Replies that could not be delivered, by reason.");
  /** Work taken over from an earlier run at start-up. */
  readonly resumed = new Counter<"what">("dingtalk_resumed_total", "Unanswered messages and undelivered replies resumed at start-up.");
  /** Messages acked while the journal could not be written (answered, but not durable). */
  readonly unjournaled = new Counter("dingtalk_unjournaled_messages_total", "Messages acked while the message journal could not be written.");

  /** 1:1 notifications to other users (a handoff to staff), by result (delivered, failed). */
  readonly notifications = new Counter<"result">("dingtalk_notifications_total", "1:1 notifications to other users, by result.");
  /** Interactive-card button taps, by outcome (answered, not-yours, expired, duplicate). */
  readonly cardTaps = new Counter<"outcome">("dingtalk_card_taps_total", "Interactive-card button taps, by outcome.");

  private readonly gauges: Gauge[] = [];

  /** Adds a gauge read at every render (the adapter registers `dingtalk_connected` and others). */
  addGauge(gauge: Gauge): void {
    const i = this.gauges.findIndex((g) => g.name === gauge.name);
    if (i >= 0) this.gauges.splice(i, 1, gauge);
    else this.gauges.push(gauge);
  }

  /** All metrics in Prometheus text format, newline-terminated. */
  render(): string {
    const counters = [
      this.messagesReceived,
      this.repliesSent,
      this.answers,
      this.failures,
      this.duplicatesDropped,
      this.reconnects,
      this.connectAttempts,
      this.flood,
      this.throttled,
      this.retries,
      this.ambiguous,
      this.undeliverable,
      this.resumed,
      this.unjournaled,
      this.notifications,
      this.cardTaps,
    ].map((c) => c.render());
    const gauges = this.gauges.map((g) => {
      let value: number;
      try {
        value = g.read();
      } catch {
        value = Number.NaN;
      }
      return `# HELP ${g.name} ${escapeHelp(g.help)}\n# TYPE ${g.name} gauge\n${g.name} ${formatNumber(value)}`;
    });
    return [...counters, ...gauges].join("\n") + "\n";
  }
}

function seriesKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join("\u0000");
}

function renderLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return "";
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? "")}"`).join(",")}}`;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}
