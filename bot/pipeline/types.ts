/**
 * The contract between transports (DingTalk, terminal, `ask --jsonl`) and the message pipeline.
 * A transport turns its own frame into an {@link IncomingMessage}, calls `handleMessage`, and
 * delivers the {@link Reply}; it makes no decision of its own about what to answer.
 */

/** What the sender sent, as far as the pipeline cares. */
export type ContentKind = "text" | "picture" | "file" | "video" | "audio-unrecognised" | "unknown";

export interface IncomingMessage {
  /** The transport's message id (DingTalk `msgId`); used in logs only. */
  id: string;
  /** The text the user typed (or DingTalk's speech recognition); empty for pictures/files. */
  text: string;
  contentKind: ContentKind;
  /** The DingTalk user (senderStaffId, else senderId); `anonymous` when unknown. */
  userId: string;
  /** Display name, for greetings only. */
  userName?: string;
  /** Group chats never see a merchant's figures. */
  chat: "direct" | "group";
  /** Identifies the conversation, for per-conversation state such as a pending clarify. */
  conversationId: string;
  /** Support staff, resolved by the transport from configuration (never from the message text). */
  staff: boolean;
  /** Whether the transport can deliver {@link Reply.private} to the sender 1:1 (robot code set). */
  canPushPrivately: boolean;
  /** The clock for this message; deadlines and "days left" are computed against it. */
  now: Date;
}

export type ReplyKind = "answer" | "clarify" | "fallback" | "command" | "denied" | "error";

/**
 * A one-tap choice under a reply: tapping it sends `send` as if the user had typed it (a clarify
 * option, a related question, a merchant to pick, a vote). The reply text never repeats the
 * choices; each transport shows them its own way (DingTalk: actionCard buttons in 1:1, the
 * interactive card in groups; terminal: a numbered list). See docs/replies.md.
 */
export interface ReplyAction {
  /** What the button says; short (≤ 20 characters shows whole on a phone). */
  label: string;
  /** The message the tap sends for the user, e.g. `/faq guarantee-exit` or `/feedback up guarantee-exit`. */
  send: string;
  /** `vote` actions (👍/👎) are shown smaller and never expire the other choices. */
  kind?: "choice" | "vote";
}

/** A 1:1 message to someone other than the sender (a handoff's transcript to the staff on duty). */
export interface Notification {
  userId: string;
  title: string;
  text: string;
}

export interface Reply {
  kind: ReplyKind;
  /** Exactly what is posted in the conversation (DingTalk markdown allowed). */
  text: string;
  /** Markdown title (DingTalk shows it in the notification); plain text. */
  title: string;
  /** Whether `text` uses markdown (the transport then sends msgtype markdown). */
  markdown: boolean;
  /** The knowledge entry answered, for `answer`. */
  entryId?: string;
  /** Calibrated retrieval confidence 0..1, for `answer` and `clarify`. */
  confidence?: number;
  /** The entries a `clarify` offers, in the order shown (the user picks one by its number). */
  choices?: string[];
  /**
   * A reply meant for the sender alone (a personalised check asked in a group). Present only when
   * the message said `canPushPrivately`; the transport pushes it 1:1 and `text` tells the group so.
   */
  private?: { title: string; text: string };
  /** One-tap choices, offered to the sender only (others who tap are told so). */
  actions?: ReplyAction[];
  /** 1:1 messages to other users; the transport delivers each and logs the ones it could not. */
  notify?: Notification[];
  /** The language the reply is written in (an English question gets English). Default zh. */
  lang?: "zh" | "en";
}

export type HandleMessage = (msg: IncomingMessage) => Promise<Reply>;
