/**
 * The real `dingtalk-stream` DWClient, adapted to run one connection under the adapter's control.
 * Works around the 2.1.5 defects listed in docs/dingtalk-protocol.md §6: the gateway URL is
 * configurable (getEndpoint override), the SDK's own reconnect and keep-alive are off, the
 * subscriptions array is fresh, and a malformed frame no longer throws out of the socket's
 * message handler (the SDK's `JSON.parse` there would crash the process).
 *
 * One instance serves one connection. A new connection gets a new instance, so an ack always
 * leaves on the socket its frame came in on, and an old socket closing late cannot flip the
 * `connected` flag of a newer one (the SDK keeps both in one shared field).
 */
import { DWClient } from "dingtalk-stream";
import type { DWClientDownStream } from "dingtalk-stream";
import type { Socket } from "node:net";
import type WebSocket from "ws";
import { z } from "zod";
import { DingTalkError } from "./dingtalk-error.js";

/** A stream frame, as far as routing needs it; `data` stays a string (docs/dingtalk-protocol.md §1). */
interface Frame {
  specVersion?: string;
  type: string;
  headers: { messageId?: string; topic?: string };
  data?: unknown;
}

/**
 * Checks the routing fields of a parsed frame by hand: this runs for every frame before its
 * ack, and a schema library costs several times as much per frame under a burst. Returns the
 * frame, or what is wrong with it.
 */
function asFrame(json: unknown): Frame | string {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not an object";
  const f = json as Record<string, unknown>;
  if (typeof f.type !== "string") return "type: expected a string";
  if (f.specVersion !== undefined && typeof f.specVersion !== "string") return "specVersion: expected a string";
  const h = f.headers;
  if (typeof h !== "object" || h === null || Array.isArray(h)) return "headers: expected an object";
  const headers = h as Record<string, unknown>;
  for (const key of ["messageId", "topic"] as const) {
    if (headers[key] !== undefined && typeof headers[key] !== "string") return `headers.${key}: expected a string`;
  }
  return json as Frame;
}

const GatewayAnswerSchema = z.looseObject({ endpoint: z.string().regex(/^wss?:\/\//), ticket: z.string().min(1) });

/** A CALLBACK frame with the fields the adapter relies on. */
export interface CallbackFrame {
  messageId: string;
  topic: string;
  data: unknown;
}

/** What the connection reports to its owner. */
export interface StreamClientEvents {
  /** Any frame or pong arrived (liveness). */
  onActivity(): void;
  /** A CALLBACK frame; the owner acks it with {@link StreamClient.ack}. */
  onCallback(frame: CallbackFrame): void;
  /** The server announced it will close this connection (SYSTEM `disconnect`). */
  onDisconnectFrame(): void;
  /** A frame that could not be routed. */
  onMalformedFrame(err: DingTalkError): void;
  /** The socket closed (after a successful open). */
  onClose(code: number): void;
}

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  gatewayUrl: string;
  /** CALLBACK topics to subscribe to (docs/dingtalk-protocol.md §2, §7). */
  topics: readonly string[];
  /** Bounds the gateway POST and the WebSocket handshake each. */
  connectTimeoutMs: number;
  events: StreamClientEvents;
  /** Aborts an attempt in progress (shutdown). */
  signal: AbortSignal;
}

/** The SDK declares these private; the subclass must reach them (docs/dingtalk-protocol.md §6: set dw_url). */
interface DWClientInternals {
  socket?: WebSocket;
  dw_url?: string;
}

/** One gateway connection through the real DWClient. */
export class StreamClient extends DWClient {
  private readonly opts: StreamClientOptions;
  private closed = false;
  /** The TCP socket is corked until the next tick (see {@link ack}). */
  private corked = false;

  constructor(opts: StreamClientOptions) {
    super({ clientId: opts.clientId, clientSecret: opts.clientSecret, keepAlive: false, ua: "merchant-rules-bot" });
    this.opts = opts;
    // The SDK merges options shallowly and its typings omit these two: set them here. The
    // subscriptions array must be our own (the default one is shared by every client).
    this.config.autoReconnect = false;
    this.config.subscriptions = opts.topics.map((topic) => ({ type: "CALLBACK" as const, topic }));
  }

  private get internals(): DWClientInternals {
    return this as unknown as DWClientInternals;
  }

  /** Asks the configured gateway for an endpoint and a single-use ticket. */
  override async getEndpoint(): Promise<this> {
    let res: Response;
    try {
      res = await fetch(this.opts.gatewayUrl, {
        method: "POST",
        // Without Accept the gateway answers XML (spec, "Connection" 1).
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          clientId: this.config.clientId,
          clientSecret: this.config.clientSecret,
          ua: this.config.ua ?? "",
          subscriptions: this.config.subscriptions,
        }),
        signal: AbortSignal.any([this.opts.signal, AbortSignal.timeout(this.opts.connectTimeoutMs)]),
      });
    } catch (cause) {
      throw new DingTalkError("GATEWAY_OPEN_FAILED", "gateway request failed", { cause, retryable: true });
    }
    const text = await res.text().catch(() => "");
    if (!res.ok) {
      throw new DingTalkError("GATEWAY_OPEN_FAILED", `gateway answered HTTP ${res.status}`, { retryable: true, status: res.status });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const answer = GatewayAnswerSchema.safeParse(json);
    if (!answer.success) throw new DingTalkError("GATEWAY_BAD_ANSWER", "gateway answer has no endpoint/ticket", { retryable: true });
    this.internals.dw_url = `${answer.data.endpoint}?ticket=${encodeURIComponent(answer.data.ticket)}`;
    return this;
  }

  /**
   * Opens the connection: a fresh ticket, then the SDK's own handshake, bounded by the connect
   * timeout. The SDK's `connect()` is not used because it swallows failures.
   * @throws DingTalkError on any failure; the socket is then already closed.
   */
  async open(): Promise<void> {
    await this.getEndpoint();
    if (this.opts.signal.aborted) throw new DingTalkError("SHUTTING_DOWN", "shutdown during connect");
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DingTalkError("HANDSHAKE_TIMEOUT", `handshake took over ${this.opts.connectTimeoutMs} ms`, { retryable: true })),
        this.opts.connectTimeoutMs,
      );
    });
    const onAbort = () => this.internals.socket?.terminate();
    this.opts.signal.addEventListener("abort", onAbort, { once: true });
    try {
      await Promise.race([this._connect(), timeout]);
    } catch (cause) {
      this.internals.socket?.terminate();
      if (cause instanceof DingTalkError) throw cause;
      throw new DingTalkError("HANDSHAKE_FAILED", "WebSocket handshake failed", { cause, retryable: true });
    } finally {
      clearTimeout(timer);
      this.opts.signal.removeEventListener("abort", onAbort);
    }
    const socket = this.internals.socket;
    if (!socket || socket.readyState !== socket.OPEN) {
      throw new DingTalkError("HANDSHAKE_FAILED", "socket closed right after opening", { retryable: true });
    }
    socket.on("pong", () => this.opts.events.onActivity());
    socket.once("close", (code: number) => {
      this.closed = true;
      this.opts.events.onClose(code);
    });
    this.opts.events.onActivity();
  }

  /** Whether the socket is open. */
  get isOpen(): boolean {
    const socket = this.internals.socket;
    return !this.closed && socket !== undefined && socket.readyState === socket.OPEN;
  }

  /** Sends a WebSocket ping (liveness probe); the pong counts as activity. */
  probe(): void {
    const socket = this.internals.socket;
    if (socket?.readyState === socket?.OPEN) socket?.ping();
  }

  /**
   * Acknowledges a CALLBACK so the server does not re-send it (the SDK leaves this to the bot).
   * The acks of one tick leave in one socket write: the first corks the TCP socket and the
   * next tick uncorks it (a burst acked frame by frame would cost a system call per ack).
   */
  ack(messageId: string): void {
    const tcp = (this.internals.socket as unknown as { _socket?: Socket } | undefined)?._socket;
    if (tcp && !this.corked) {
      this.corked = true;
      tcp.cork();
      process.nextTick(() => {
        this.corked = false;
        tcp.uncork();
      });
    }
    this.socketCallBackResponse(messageId, null);
  }

  /**
   * Closes the socket: gracefully, or at once (`terminate`) when the peer may be gone.
   * Does not use the SDK's `disconnect()`, which only logs and closes the same way.
   */
  close(mode: "graceful" | "terminate" = "graceful"): void {
    const socket = this.internals.socket;
    if (!socket) return;
    if (mode === "terminate") socket.terminate();
    else socket.close(1000, "client closing");
  }

  /** Routes one frame; never throws (a throw here would escape the socket's message handler). */
  override onDownStream(data: string | Buffer): void {
    this.opts.events.onActivity();
    let json: unknown;
    try {
      json = JSON.parse(typeof data === "string" ? data : data.toString("utf8"));
    } catch (cause) {
      this.opts.events.onMalformedFrame(new DingTalkError("MALFORMED_FRAME", "frame is not JSON", { cause }));
      return;
    }
    const frame = asFrame(json);
    if (typeof frame === "string") {
      this.opts.events.onMalformedFrame(new DingTalkError("MALFORMED_FRAME", `frame is not a stream frame: ${frame}`));
      return;
    }
    try {
      switch (frame.type) {
        case "SYSTEM":
          if (frame.headers.topic === "disconnect") this.opts.events.onDisconnectFrame();
          // The SDK echoes `ping` and tracks the other system topics.
          this.onSystem(frame as unknown as DWClientDownStream);
          break;
        case "EVENT":
          // Not subscribed; if one comes anyway the SDK acks it SUCCESS so it is not re-sent.
          if (frame.headers.messageId !== undefined) this.onEvent(frame as unknown as DWClientDownStream);
          break;
        case "CALLBACK": {
          const { messageId, topic } = frame.headers;
          if (messageId === undefined || messageId === "") {
            this.opts.events.onMalformedFrame(new DingTalkError("MALFORMED_FRAME", "CALLBACK frame without headers.messageId"));
            return;
          }
          this.opts.events.onCallback({ messageId, topic: topic ?? "", data: frame.data });
          break;
        }
        default:
          this.opts.events.onMalformedFrame(new DingTalkError("MALFORMED_FRAME", `unknown frame type ${JSON.stringify(frame.type)}`));
      }
    } catch (cause) {
      this.opts.events.onMalformedFrame(new DingTalkError("MALFORMED_FRAME", "frame handling failed", { cause }));
    }
  }
}
