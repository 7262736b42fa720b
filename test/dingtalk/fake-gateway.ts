/**
 * A faithful fake of DingTalk's stream gateway and robot APIs, on 127.0.0.1 only, for end-to-end
 * tests that drive the real `dingtalk-stream` DWClient. Shapes follow
 * docs/dingtalk-protocol.md: single-use tickets from `POST /v1.0/gateway/connections/open`,
 * CALLBACK frames with a string `data` and a unique `headers.messageId`, re-delivery of unacked
 * callbacks, SYSTEM ping/disconnect frames, session webhooks that expire (errcode 300001), and
 * the access-token and oToMessages/batchSend APIs (markdown and the sampleActionCard templates), the
 * robot group-message API, interactive cards (createAndDeliver) and their button callbacks on the
 * card topic (docs/dingtalk-protocol.md §7).
 *
 * Everything is recorded for assertions; failure modes are switched on by the test.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";
export const TOPIC_CARD = "/v1.0/card/instances/callback";

/** Push templates the robot API knows, with the parameters each requires (docs/dingtalk-protocol.md §4). */
const PUSH_TEMPLATES: ReadonlyMap<string, readonly string[]> = new Map([
  ["sampleText", ["content"]],
  ["sampleMarkdown", ["title", "text"]],
  ["sampleActionCard", ["title", "text", "singleTitle", "singleURL"]],
  ...[2, 3, 4, 5].map((n): [string, string[]] => [
    `sampleActionCard${n}`,
    ["title", "text", ...Array.from({ length: n }, (_, i) => [`actionTitle${i + 1}`, `actionURL${i + 1}`]).flat()],
  ]),
  ["sampleActionCard6", ["title", "text", "buttonTitle1", "buttonUrl1", "buttonTitle2", "buttonUrl2"]],
]);

export interface FakeGatewayOptions {
  clientId?: string;
  clientSecret?: string;
  robotCode?: string;
  /** An unacked CALLBACK is re-sent after this long (real: ~16–60 s). */
  redeliverAfterMs?: number;
  /** How many times an unacked CALLBACK is re-sent. */
  maxRedeliveries?: number;
  /** A ticket is valid this long (real: ~90 s). */
  ticketTtlMs?: number;
  /** `expireIn` of issued access tokens, in seconds. */
  tokenExpireIn?: number;
}

/** One WebSocket connection the fake accepted. */
export interface FakeConnection {
  id: string;
  ticket: string;
  ws: WebSocket;
  /** Announced `disconnect`; no new frames go here. */
  retiring: boolean;
  /** Black-holed: frames are swallowed and pings unanswered (a half-open TCP connection). */
  frozen: boolean;
  closed: boolean;
}

/** One `connections/open` request. */
export interface OpenPost {
  status: number;
  body: unknown;
  accept: string | undefined;
}

/** One request to a session webhook. */
export interface WebhookCall {
  session: string;
  msgId: string | undefined;
  conversationId: string | undefined;
  body: WebhookBody;
  bytes: number;
  status: number;
  errcode: number | undefined;
  /** performance.now() at receipt. */
  at: number;
}

/** A session-webhook body as the bot sends it. */
export interface WebhookBody {
  msgtype?: string;
  text?: { content?: string };
  markdown?: { title?: string; text?: string };
  actionCard?: { title?: string; text?: string; btnOrientation?: string; singleTitle?: string; singleURL?: string; btns?: { title?: string; actionURL?: string }[] };
  at?: { atUserIds?: string[]; isAtAll?: boolean };
}

/** One batchSend (1:1 push) request, with msgParam decoded. */
export interface PushCall {
  status: number;
  token: string | undefined;
  robotCode: unknown;
  userIds: unknown;
  msgKey: unknown;
  title: string | undefined;
  text: string | undefined;
  /** Every msgParam field, decoded. */
  param: Record<string, unknown>;
}

/** One createAndDeliver (interactive card) request. */
export interface CardCall {
  status: number;
  outTrackId: string | undefined;
  cardTemplateId: unknown;
  openSpaceId: unknown;
  /** The group the card went to (from openSpaceId). */
  groupId: string | undefined;
  cardParamMap: Record<string, string>;
  body: Record<string, unknown>;
}

/** One robot group-message (groupMessages/send) request, with msgParam decoded. */
export interface GroupSendCall {
  status: number;
  openConversationId: unknown;
  msgKey: unknown;
  param: Record<string, unknown>;
}

/** Fields shared by the message builders. */
export interface MessageOptions {
  chat?: "direct" | "group";
  msgId?: string;
  conversationId?: string;
  /** `null` leaves senderStaffId out (a user outside the organisation). */
  senderStaffId?: string | null;
  senderId?: string;
  senderNick?: string;
  /** sessionWebhookExpiredTime = now + this (negative: already expired). Default 90 min. */
  webhookExpiresInMs?: number;
}

/** A robot message as the fake sends it (the CALLBACK's `data`, before stringifying). */
export type FakeRobotMessage = Record<string, unknown> & { msgId: string; conversationId: string; sessionWebhook: string };

interface Delivery {
  messageId: string;
  topic: string;
  msgId: string | undefined;
  data: string;
  sends: number;
  acked: boolean;
  loseAcks: number;
  timer: NodeJS.Timeout | undefined;
}

interface Session {
  msgId: string;
  conversationId: string;
  expiresAt: number;
  expired: boolean;
}

/** The fake gateway + robot API server. Create with {@link FakeGateway.start}. */
export class FakeGateway {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly robotCode: string;
  private readonly redeliverAfterMs: number;
  private readonly maxRedeliveries: number;
  private readonly ticketTtlMs: number;
  private readonly tokenExpireIn: number;

  /** Every `connections/open` POST, in order (count them to detect reconnect storms). */
  readonly openPosts: OpenPost[] = [];
  readonly connections: FakeConnection[] = [];
  /** WebSocket upgrades refused (bad, reused or expired ticket; gateway down). */
  readonly rejectedUpgrades: string[] = [];
  /** Acks received, per messageId. */
  readonly acks = new Map<string, number>();
  /** Every frame the client sent, parsed. */
  readonly clientFrames: unknown[] = [];
  /** WebSocket-level pings received from the client (its liveness probes). */
  wsPingsReceived = 0;
  /** Echoes of our pings, per ping messageId. */
  readonly pingReplies = new Map<string, unknown>();
  readonly webhookCalls: WebhookCall[] = [];
  readonly tokenRequests: unknown[] = [];
  readonly pushes: PushCall[] = [];
  readonly cards: CardCall[] = [];
  readonly groupSends: GroupSendCall[] = [];
  /** Card template ids the fake knows (createAndDeliver with another answers 400). */
  readonly cardTemplates = new Set<string>(["fake-card-template"]);
  /** performance.now() when each msgId's CALLBACK was first sent. */
  readonly sentAt = new Map<string, number>();
  /** When each CALLBACK frame (by messageId) was last sent, for ack latency. */
  private readonly frameSentAt = new Map<string, number>();
  /** Milliseconds from a frame's (latest) send to its first ack, in ack order. */
  readonly ackLatencies: number[] = [];

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private port = 0;
  private readonly tickets = new Map<string, { used: boolean; expiresAt: number }>();
  private readonly deliveries = new Map<string, Delivery>();
  private pending: Delivery[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly tokens = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();
  private down: "5xx" | "reset" | undefined;
  private webhookScript: number[] = [];
  /** Answer delays (ms) for the next webhook requests; then `webhookDelayMs` for all. */
  private webhookDelayScript: number[] = [];
  /** Every session-webhook answer is written this long after the request was handled (a slow DingTalk). */
  webhookDelayMs = 0;
  private pushScript: number[] = [];
  private seq = 0;

  private constructor(options: FakeGatewayOptions) {
    this.clientId = options.clientId ?? "fake-client-id";
    this.clientSecret = options.clientSecret ?? "fake-client-secret";
    this.robotCode = options.robotCode ?? "fake-robot-code";
    this.redeliverAfterMs = options.redeliverAfterMs ?? 200;
    this.maxRedeliveries = options.maxRedeliveries ?? 3;
    this.ticketTtlMs = options.ticketTtlMs ?? 90_000;
    this.tokenExpireIn = options.tokenExpireIn ?? 7200;
    this.server = createServer((req, res) => this.onHttp(req, res));
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    // autoPong off so a frozen connection can leave pings unanswered.
    this.wss = new WebSocketServer({ noServer: true, autoPong: false });
    this.server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => this.onUpgrade(req, socket, head));
  }

  /** Starts a fake on 127.0.0.1 and a random port. */
  static async start(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
    const fake = new FakeGateway(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once("error", reject);
      fake.server.listen(0, "127.0.0.1", () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get gatewayUrl(): string {
    return `${this.baseUrl}/v1.0/gateway/connections/open`;
  }

  /** A `Config["dingtalk"]` pointing at this fake. */
  dingtalkConfig(overrides: { robotCode?: string | undefined; clientSecret?: string; cardTemplateId?: string } = {}): {
    clientId: string;
    clientSecret: string;
    robotCode?: string;
    cardTemplateId?: string;
    gatewayUrl: string;
    apiBaseUrl: string;
    webhookHosts: string[];
  } {
    return {
      clientId: this.clientId,
      clientSecret: overrides.clientSecret ?? this.clientSecret,
      robotCode: "robotCode" in overrides ? overrides.robotCode : this.robotCode,
      ...(overrides.cardTemplateId !== undefined ? { cardTemplateId: overrides.cardTemplateId } : {}),
      gatewayUrl: this.gatewayUrl,
      apiBaseUrl: this.baseUrl,
      // The fake's session webhooks live on loopback; the bot refuses any host not listed.
      webhookHosts: ["127.0.0.1"],
    };
  }

  /** The environment variables that point a bot process (`bot/config.ts`) at this fake. */
  processEnv(): Record<string, string> {
    const cfg = this.dingtalkConfig();
    return {
      DINGTALK_CLIENT_ID: cfg.clientId,
      DINGTALK_CLIENT_SECRET: cfg.clientSecret,
      ...(cfg.robotCode !== undefined ? { DINGTALK_ROBOT_CODE: cfg.robotCode } : {}),
      DINGTALK_GATEWAY_URL: cfg.gatewayUrl,
      DINGTALK_API_BASE_URL: cfg.apiBaseUrl,
      DINGTALK_WEBHOOK_HOSTS: cfg.webhookHosts.join(","),
    };
  }

  /** Open connections that take new frames. */
  liveConnections(): FakeConnection[] {
    return this.connections.filter((c) => !c.closed && !c.retiring);
  }

  // --- message builders -------------------------------------------------------------------

  /** A text message; in groups the content starts with a space where the @ was (as DingTalk does). */
  textMessage(text: string, options: MessageOptions = {}): FakeRobotMessage {
    const group = (options.chat ?? "direct") === "group";
    return this.robotMessage("text", { text: { content: group ? ` ${text}` : text } }, options);
  }

  /** A richText message; each string becomes a `{text}` item, except "[picture]", a picture item. */
  richTextMessage(items: string[], options: MessageOptions = {}): FakeRobotMessage {
    const richText = items.map((i) => (i === "[picture]" ? { type: "picture", downloadCode: `dl-${this.next()}` } : { text: i }));
    return this.robotMessage("richText", { content: { richText } }, options);
  }

  /** A voice message with DingTalk's speech recognition (empty when it recognised nothing). */
  audioMessage(recognition: string, options: MessageOptions = {}): FakeRobotMessage {
    return this.robotMessage("audio", { content: { duration: 4000, downloadCode: `dl-${this.next()}`, recognition } }, options);
  }

  pictureMessage(options: MessageOptions = {}): FakeRobotMessage {
    return this.robotMessage("picture", { content: { downloadCode: `dl-${this.next()}`, pictureDownloadCode: `pdl-${this.next()}` } }, options);
  }

  fileMessage(fileName = "report.xlsx", options: MessageOptions = {}): FakeRobotMessage {
    return this.robotMessage("file", { content: { downloadCode: `dl-${this.next()}`, fileName } }, options);
  }

  videoMessage(options: MessageOptions = {}): FakeRobotMessage {
    return this.robotMessage("video", { content: { downloadCode: `dl-${this.next()}`, duration: 12, videoType: "mp4" } }, options);
  }

  private robotMessage(msgtype: string, body: Record<string, unknown>, o: MessageOptions): FakeRobotMessage {
    const group = (o.chat ?? "direct") === "group";
    const n = this.next();
    const msgId = o.msgId ?? `msg${n}-${randomUUID()}`;
    const senderStaffId = o.senderStaffId === undefined ? "staff-1" : o.senderStaffId;
    const conversationId = o.conversationId ?? (group ? "cidGroup1" : `cidDirect-${senderStaffId ?? "ext"}`);
    const now = Date.now();
    const session = `sess${n}`;
    const expiresAt = now + (o.webhookExpiresInMs ?? 90 * 60_000);
    this.sessions.set(session, { msgId, conversationId, expiresAt, expired: false });
    return {
      msgId,
      msgtype,
      createAt: now,
      conversationType: group ? "2" : "1",
      conversationId,
      ...(group ? { conversationTitle: "Merchant group", isInAtList: true, atUsers: [{ dingtalkId: "$:LWCP_v1:$bot" }] } : {}),
      senderId: o.senderId ?? `$:LWCP_v1:$${senderStaffId ?? "external"}`,
      ...(senderStaffId === null ? {} : { senderStaffId }),
      senderNick: o.senderNick ?? "Merchant",
      senderCorpId: "ding-corp",
      isAdmin: false,
      chatbotUserId: "$:LWCP_v1:$bot",
      chatbotCorpId: "ding-corp",
      robotCode: this.robotCode,
      sessionWebhook: `${this.baseUrl}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: expiresAt,
      ...body,
    };
  }

  // --- sending ----------------------------------------------------------------------------

  /**
   * Sends a robot message as a CALLBACK frame (queued until a connection is open). Returns the
   * frame's messageId. `loseAcks: n` makes the fake ignore the first n acks, so it re-sends.
   */
  sendMessage(message: FakeRobotMessage | { data: string; msgId?: string }, options: { loseAcks?: number; topic?: string } = {}): string {
    const data = "data" in message && typeof message.data === "string" ? message.data : JSON.stringify(message);
    const msgId = typeof message.msgId === "string" ? message.msgId : undefined;
    const delivery: Delivery = {
      messageId: `mid-${randomUUID()}`,
      topic: options.topic ?? TOPIC_ROBOT,
      msgId,
      data,
      sends: 0,
      acked: false,
      loseAcks: options.loseAcks ?? 0,
      timer: undefined,
    };
    this.deliveries.set(delivery.messageId, delivery);
    this.deliver(delivery);
    return delivery.messageId;
  }

  /**
   * A member taps button `index` on a card the bot delivered: a CALLBACK on the card topic, shaped
   * as DingTalk sends it (docs/dingtalk-protocol.md §7). Refuses when the bot did not subscribe to
   * the card topic (DingTalk would not deliver it). Returns the frame's messageId.
   */
  tapCard(card: CardCall | string, options: { userId: string; index: number; loseAcks?: number }): string {
    const c = typeof card === "string" ? this.cards.find((x) => x.outTrackId === card) : card;
    const outTrackId = typeof card === "string" ? card : card.outTrackId;
    const subscribed = this.openPosts.at(-1)?.body as { subscriptions?: { topic?: string }[] } | undefined;
    if (!subscribed?.subscriptions?.some((x) => x.topic === TOPIC_CARD)) throw new Error("fake gateway: the client did not subscribe to card callbacks");
    const data = JSON.stringify({
      extension: "{}",
      corpId: "ding-corp",
      type: "actionCallback",
      userId: options.userId,
      userIdType: 1,
      spaceType: "IM_GROUP",
      spaceId: c?.groupId ?? "cidUnknown",
      outTrackId,
      content: JSON.stringify({ cardPrivateData: { actionIds: ["choose"], params: { index: options.index } } }),
    });
    return this.sendMessage({ data }, { loseAcks: options.loseAcks, topic: TOPIC_CARD });
  }

  /** The buttons of a delivered card, parsed from its `buttons` variable. */
  static cardButtons(card: CardCall): { text: string; index: number; kind: string }[] {
    return JSON.parse(card.cardParamMap.buttons ?? "[]") as { text: string; index: number; kind: string }[];
  }

  /** Sends CALLBACK data that is not a robot message (garbage); returns the messageId. */
  sendGarbageCallback(data: string): string {
    return this.sendMessage({ data });
  }

  /** Sends a raw text frame on the newest live connection (malformed frames). */
  sendRaw(text: string): void {
    const conn = this.newestLive();
    if (!conn) throw new Error("fake gateway: no live connection");
    if (!conn.frozen) conn.ws.send(text);
  }

  /** Sends a SYSTEM ping on the newest live connection; returns its messageId. */
  ping(): string {
    const conn = this.newestLive();
    if (!conn) throw new Error("fake gateway: no live connection");
    const messageId = `ping-${randomUUID()}`;
    conn.ws.send(JSON.stringify(this.frame(conn, "SYSTEM", "ping", messageId, JSON.stringify({ opaque: randomUUID() }))));
    return messageId;
  }

  /** Sends SYSTEM `disconnect` on every live connection and closes them `closeAfterMs` later. */
  announceDisconnect(closeAfterMs = 50): void {
    for (const conn of this.liveConnections()) {
      conn.retiring = true;
      conn.ws.send(JSON.stringify(this.frame(conn, "SYSTEM", "disconnect", `sys-${randomUUID()}`, JSON.stringify({ reason: "server maintenance" }))));
      this.later(closeAfterMs, () => conn.ws.close(1000, "disconnect"));
    }
  }

  /** Drops every connection abruptly (no close frame), as a network failure would. */
  dropConnections(): void {
    for (const conn of this.connections) if (!conn.closed) conn.ws.terminate();
  }

  /** Black-holes the live connections: frames are swallowed, pings unanswered. */
  freeze(): void {
    for (const conn of this.liveConnections()) conn.frozen = true;
  }

  /** The gateway goes down: `connections/open` answers 503 ("5xx") or resets ("reset"); upgrades are refused. */
  goDown(mode: "5xx" | "reset" = "5xx"): void {
    this.down = mode;
  }

  goUp(): void {
    this.down = undefined;
  }

  /** The next session-webhook requests answer these HTTP statuses (e.g. [500, 500]), then normal. */
  failNextWebhooks(statuses: number[]): void {
    this.webhookScript.push(...statuses);
  }

  /**
   * The next `count` webhook requests are handled at once (recorded, delivered) but answered only
   * after `ms`: past the bot's HTTP timeout this is a POST that arrived but whose outcome the bot
   * cannot know.
   */
  delayNextWebhookAnswers(count: number, ms: number): void {
    for (let i = 0; i < count; i++) this.webhookDelayScript.push(ms);
  }

  /** Forgets the statuses still scripted by {@link failNextWebhooks}. */
  stopFailingWebhooks(): void {
    this.webhookScript.length = 0;
  }

  /** The next batchSend requests answer these HTTP statuses, then normal. */
  failNextPushes(statuses: number[]): void {
    this.pushScript.push(...statuses);
  }

  /** Makes the session of this message answer errcode 300001 from now on. */
  expireSession(message: FakeRobotMessage): void {
    const session = new URL(message.sessionWebhook).searchParams.get("session") ?? "";
    const s = this.sessions.get(session);
    if (s) s.expired = true;
  }

  /** Successful webhook deliveries (errcode 0), optionally for one conversation. */
  delivered(conversationId?: string): WebhookCall[] {
    return this.webhookCalls.filter((c) => c.errcode === 0 && (conversationId === undefined || c.conversationId === conversationId));
  }

  /** Successful 1:1 pushes. */
  deliveredPushes(): PushCall[] {
    return this.pushes.filter((p) => p.status === 200);
  }

  /** Stops everything: timers, sockets, server. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const d of this.deliveries.values()) clearTimeout(d.timer);
    for (const conn of this.connections) conn.ws.terminate();
    this.wss.close();
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- internals --------------------------------------------------------------------------

  private next(): number {
    return ++this.seq;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private newestLive(): FakeConnection | undefined {
    const live = this.liveConnections();
    return live[live.length - 1];
  }

  private frame(conn: FakeConnection, type: string, topic: string, messageId: string, data: string): Record<string, unknown> {
    return {
      specVersion: "1.0",
      type,
      headers: { appId: "fake-app-id", connectionId: conn.id, contentType: "application/json", messageId, time: String(Date.now()), topic },
      data,
    };
  }

  private deliver(d: Delivery): void {
    const conn = this.newestLive();
    if (!conn) {
      this.pending.push(d);
      return;
    }
    d.sends++;
    if (d.msgId !== undefined && !this.sentAt.has(d.msgId)) this.sentAt.set(d.msgId, performance.now());
    this.frameSentAt.set(d.messageId, performance.now());
    if (!conn.frozen) conn.ws.send(JSON.stringify(this.frame(conn, "CALLBACK", d.topic, d.messageId, d.data)));
    clearTimeout(d.timer);
    d.timer = setTimeout(() => {
      d.timer = undefined;
      if (!d.acked && d.sends <= this.maxRedeliveries) this.deliver(d);
    }, this.redeliverAfterMs);
  }

  private onClientFrame(raw: string): void {
    let frame: { code?: unknown; headers?: { messageId?: unknown } };
    try {
      frame = JSON.parse(raw) as typeof frame;
    } catch {
      this.clientFrames.push(raw);
      return;
    }
    this.clientFrames.push(frame);
    const messageId = frame.headers?.messageId;
    if (frame.code !== 200 || typeof messageId !== "string") return;
    if (messageId.startsWith("ping-")) {
      this.pingReplies.set(messageId, frame);
      return;
    }
    if (!this.acks.has(messageId)) {
      const sent = this.frameSentAt.get(messageId);
      if (sent !== undefined) this.ackLatencies.push(performance.now() - sent);
    }
    this.acks.set(messageId, (this.acks.get(messageId) ?? 0) + 1);
    const d = this.deliveries.get(messageId);
    if (!d) return;
    if (d.loseAcks > 0) {
      d.loseAcks--;
      return;
    }
    d.acked = true;
    clearTimeout(d.timer);
    d.timer = undefined;
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const ticket = url.searchParams.get("ticket") ?? "";
    const t = this.tickets.get(ticket);
    const reason =
      this.down !== undefined
        ? "gateway down"
        : url.pathname !== "/connect"
          ? "bad path"
          : !t
            ? "unknown ticket"
            : t.used
              ? "ticket reused"
              : t.expiresAt < Date.now()
                ? "ticket expired"
                : undefined;
    if (reason !== undefined) {
      this.rejectedUpgrades.push(reason);
      if (this.down === "reset") socket.destroy();
      else socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    if (t) t.used = true;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: FakeConnection = { id: `conn-${this.next()}`, ticket, ws, retiring: false, frozen: false, closed: false };
      this.connections.push(conn);
      ws.on("message", (data: Buffer) => {
        if (!conn.frozen) this.onClientFrame(data.toString("utf8"));
      });
      ws.on("ping", (data: Buffer) => {
        this.wsPingsReceived++;
        if (!conn.frozen) ws.pong(data);
      });
      ws.on("close", () => {
        conn.closed = true;
      });
      ws.on("error", () => {
        conn.closed = true;
      });
      const queued = this.pending;
      this.pending = [];
      for (const d of queued) this.deliver(d);
    });
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const url = new URL(req.url ?? "/", this.baseUrl);
      if (req.method !== "POST") return json(res, 405, { code: "MethodNotAllowed" });
      switch (url.pathname) {
        case "/v1.0/gateway/connections/open":
          return this.onOpen(req, res, body);
        case "/robot/sendBySession":
          return this.onWebhook(res, url.searchParams.get("session") ?? "", body, Buffer.byteLength(raw));
        case "/v1.0/oauth2/accessToken":
          return this.onToken(res, body);
        case "/v1.0/robot/oToMessages/batchSend":
          return this.onBatchSend(req, res, body);
        case "/v1.0/robot/groupMessages/send":
          return this.onGroupSend(req, res, body);
        case "/v1.0/card/instances/createAndDeliver":
          return this.onCreateAndDeliver(req, res, body);
        default:
          return json(res, 404, { code: "NotFound" });
      }
    });
  }

  private onOpen(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const accept = req.headers.accept;
    const record = (status: number) => this.openPosts.push({ status, body, accept });
    if (this.down === "reset") {
      record(0);
      req.socket.destroy();
      return;
    }
    if (this.down === "5xx") {
      record(503);
      return json(res, 503, { code: "ServiceUnavailable", message: "gateway is down" });
    }
    const b = (body ?? {}) as { clientId?: unknown; clientSecret?: unknown; subscriptions?: unknown };
    if (b.clientId !== this.clientId || b.clientSecret !== this.clientSecret) {
      record(401);
      return json(res, 401, { code: "InvalidAuthentication", message: "clientId or clientSecret is wrong" });
    }
    if (!Array.isArray(b.subscriptions) || b.subscriptions.length === 0) {
      record(400);
      return json(res, 400, { code: "InvalidParameter", message: "subscriptions is required" });
    }
    record(200);
    const ticket = randomUUID();
    this.tickets.set(ticket, { used: false, expiresAt: Date.now() + this.ticketTtlMs });
    const answer = { endpoint: `ws://127.0.0.1:${this.port}/connect`, ticket };
    // The real gateway answers XML unless asked for JSON (docs/dingtalk-protocol.md §1).
    if (!accept?.includes("application/json")) {
      res.writeHead(200, { "content-type": "application/xml" }).end(`<result><endpoint>${answer.endpoint}</endpoint><ticket>${ticket}</ticket></result>`);
      return;
    }
    json(res, 200, answer);
  }

  private onWebhook(res: ServerResponse, session: string, body: unknown, bytes: number): void {
    const delay = this.webhookDelayScript.shift() ?? this.webhookDelayMs;
    const answer = (status: number, payload: unknown): void => {
      if (delay <= 0) return json(res, status, payload);
      this.later(delay, () => {
        if (!res.destroyed && !res.writableEnded) json(res, status, payload);
      });
    };
    const s = this.sessions.get(session);
    const b: WebhookBody = typeof body === "object" && body !== null ? body : {};
    const call = (status: number, errcode: number | undefined) =>
      this.webhookCalls.push({
        session,
        msgId: s?.msgId,
        conversationId: s?.conversationId,
        body: b,
        bytes,
        status,
        errcode,
        at: performance.now(),
      });
    const scripted = this.webhookScript.shift();
    if (scripted !== undefined) {
      call(scripted, undefined);
      return answer(scripted, { errcode: -1, errmsg: "system busy" });
    }
    if (!s || s.expired || Date.now() > s.expiresAt) {
      call(200, 300001);
      return answer(200, { errcode: 300001, errmsg: "session expired" });
    }
    const card = b.actionCard;
    const valid =
      (b.msgtype === "text" && typeof b.text?.content === "string") ||
      (b.msgtype === "markdown" && typeof b.markdown?.title === "string" && typeof b.markdown.text === "string") ||
      (b.msgtype === "actionCard" &&
        typeof card?.title === "string" &&
        typeof card.text === "string" &&
        ((typeof card.singleTitle === "string" && typeof card.singleURL === "string") ||
          (Array.isArray(card.btns) && card.btns.length > 0 && card.btns.every((x) => typeof x.title === "string" && typeof x.actionURL === "string"))));
    if (!valid) {
      call(200, 40035);
      return answer(200, { errcode: 40035, errmsg: "invalid message body" });
    }
    // The real limit is not documented; the spec says keep under ~15 KB. Reject clearly over it.
    if (bytes > 20_000) {
      call(200, 460101);
      return answer(200, { errcode: 460101, errmsg: "message too long" });
    }
    call(200, 0);
    answer(200, { errcode: 0, errmsg: "ok" });
  }

  private onToken(res: ServerResponse, body: unknown): void {
    this.tokenRequests.push(body);
    const b = (body ?? {}) as { appKey?: unknown; appSecret?: unknown };
    if (b.appKey !== this.clientId || b.appSecret !== this.clientSecret) {
      return json(res, 400, { code: "invalidClientIdOrSecret", message: "appKey or appSecret is wrong" });
    }
    const accessToken = `tok-${randomUUID()}`;
    this.tokens.add(accessToken);
    json(res, 200, { accessToken, expireIn: this.tokenExpireIn });
  }

  private onBatchSend(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const token = req.headers["x-acs-dingtalk-access-token"];
    const tok = typeof token === "string" ? token : undefined;
    const b = (body ?? {}) as { robotCode?: unknown; userIds?: unknown; msgKey?: unknown; msgParam?: unknown };
    const param = decodeParam(b.msgParam);
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const record = (status: number) =>
      this.pushes.push({ status, token: tok, robotCode: b.robotCode, userIds: b.userIds, msgKey: b.msgKey, title: str(param.title), text: str(param.text), param });
    const scripted = this.pushScript.shift();
    if (scripted !== undefined) {
      record(scripted);
      return json(res, scripted, { code: "ServiceUnavailable", message: "scripted failure" });
    }
    if (tok === undefined || !this.tokens.has(tok)) {
      record(401);
      return json(res, 401, { code: "InvalidAuthentication", message: "token is invalid" });
    }
    if (b.robotCode !== this.robotCode || !Array.isArray(b.userIds) || b.userIds.length === 0 || b.userIds.length > 20 || !templateParamsValid(b.msgKey, param)) {
      record(400);
      return json(res, 400, { code: "InvalidParameter", message: "bad batchSend body" });
    }
    record(200);
    json(res, 200, { processQueryKey: `pq-${this.next()}`, invalidStaffIdList: [], flowControlledStaffIdList: [] });
  }

  private validToken(req: IncomingMessage): boolean {
    const token = req.headers["x-acs-dingtalk-access-token"];
    return typeof token === "string" && this.tokens.has(token);
  }

  private onGroupSend(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const b = (body ?? {}) as { robotCode?: unknown; openConversationId?: unknown; msgKey?: unknown; msgParam?: unknown };
    const param = decodeParam(b.msgParam);
    const record = (status: number) => this.groupSends.push({ status, openConversationId: b.openConversationId, msgKey: b.msgKey, param });
    if (!this.validToken(req)) {
      record(401);
      return json(res, 401, { code: "InvalidAuthentication", message: "token is invalid" });
    }
    if (b.robotCode !== this.robotCode || typeof b.openConversationId !== "string" || !templateParamsValid(b.msgKey, param)) {
      record(400);
      return json(res, 400, { code: "InvalidParameter", message: "bad groupMessages/send body" });
    }
    record(200);
    json(res, 200, { processQueryKey: `pq-${this.next()}` });
  }

  private onCreateAndDeliver(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const openSpaceId = b.openSpaceId;
    const groupMatch = typeof openSpaceId === "string" ? /^dtv1\.card\/\/IM_GROUP\.(.+)$/.exec(openSpaceId) : null;
    const cardData = b.cardData as { cardParamMap?: Record<string, unknown> } | undefined;
    const paramMap = cardData?.cardParamMap ?? {};
    const deliver = b.imGroupOpenDeliverModel as { robotCode?: unknown } | undefined;
    const record = (status: number) =>
      this.cards.push({
        status,
        outTrackId: typeof b.outTrackId === "string" ? b.outTrackId : undefined,
        cardTemplateId: b.cardTemplateId,
        openSpaceId,
        groupId: groupMatch?.[1],
        cardParamMap: Object.fromEntries(Object.entries(paramMap).map(([k, v]) => [k, String(v)])),
        body: b,
      });
    if (!this.validToken(req)) {
      record(401);
      return json(res, 401, { code: "InvalidAuthentication", message: "token is invalid" });
    }
    const problem =
      typeof b.cardTemplateId !== "string" || !this.cardTemplates.has(b.cardTemplateId)
        ? "unknown cardTemplateId"
        : typeof b.outTrackId !== "string" || b.outTrackId === ""
          ? "outTrackId is required"
          : b.callbackType !== "STREAM"
            ? "callbackType must be STREAM for stream callbacks"
            : !groupMatch
              ? "openSpaceId must be dtv1.card//IM_GROUP.<openConversationId>"
              : deliver?.robotCode !== this.robotCode
                ? "imGroupOpenDeliverModel.robotCode is wrong"
                : Object.values(paramMap).some((v) => typeof v !== "string")
                  ? "cardParamMap values must be strings"
                  : this.cards.some((c) => c.status === 200 && c.outTrackId === b.outTrackId)
                    ? "outTrackId already used"
                    : undefined;
    if (problem !== undefined) {
      record(400);
      return json(res, 400, { code: "param.error", message: problem });
    }
    record(200);
    json(res, 200, {
      success: true,
      result: { outTrackId: b.outTrackId, deliverResults: [{ spaceType: "IM_GROUP", spaceId: groupMatch?.[1], success: true, carrierId: `carrier-${this.next()}` }] },
    });
  }

  /** Successful createAndDeliver calls. */
  deliveredCards(): CardCall[] {
    return this.cards.filter((c) => c.status === 200);
  }

  /** Successful group-message API sends. */
  deliveredGroupSends(): GroupSendCall[] {
    return this.groupSends.filter((c) => c.status === 200);
  }
}

/** A robot API `msgParam` (a JSON string), decoded; `{}` when it is not one. */
function decodeParam(raw: unknown): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(typeof raw === "string" ? raw : "{}");
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Whether `msgKey` is a template the robot API knows and `param` has every field it needs, as strings. */
function templateParamsValid(msgKey: unknown, param: Record<string, unknown>): boolean {
  const fields = typeof msgKey === "string" ? PUSH_TEMPLATES.get(msgKey) : undefined;
  return fields !== undefined && fields.every((f) => typeof param[f] === "string" && param[f] !== "");
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
