/**
 * What-if on a merchant's own record: "M10001 如果回复率到50%，服务分能到多少？" runs the check on
 * the stored record with the one figure changed. It is applied inside runPersonalCheck, after
 * the access check, so the same people see it as see the check itself (docs/computed-answers.md).
 */
import { DateTime } from "luxon";
import type { Merchant } from "../../rules/merchant.js";
import { extractSlots, numberNear, type NumberSlot, type Slots } from "../pipeline/extract-slots.js";
import { formatDateTime, formatNumber, formatPercent, formatUsd } from "./format-check.js";

/** The question imagines a different figure ("如果…", "假如…", "提到…", "what if"). */
const WHAT_IF = /如果|假如|假设|要是|若是|万一|提高到|提升到|提到|涨到|降到|做到|达到|what if|\bif\b|suppose/u;

/** One changed figure: the field, its label, and the value before and after. */
export interface ChangedFigure {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

export interface WhatIf {
  readonly merchant: Merchant;
  readonly changes: readonly ChangedFigure[];
}

type Patch = { merchant: Merchant; change: ChangedFigure } | undefined;

function rate(n: NumberSlot | undefined): number | undefined {
  return n ? Math.min(1, Math.max(0, n.value)) : undefined;
}

function scorePatches(m: Merchant, slots: Slots): Patch[] {
  const rfq = m.rfq;
  if (!rfq) return [];
  const patches: Patch[] = [];
  const patch = (label: string, from: string, to: string, next: Partial<typeof rfq>): void => {
    patches.push({ merchant: { ...m, rfq: { ...rfq, ...next } }, change: { label, from, to } });
  };
  const response = rate(numberNear(slots, ["percent"], /响应率|24小时|24h|报价率|response/u, 10));
  const reply = rate(numberNear(slots, ["percent"], /买家回复|回复率|reply/u, 10, (n) => /响应率|24小时/u.test(n.before)));
  const login = numberNear(slots, ["count"], /登录|登陆|login/u, 10, (n) => n.unit !== "天");
  const loginDays = login ? undefined : slots.numbers.find((n) => n.kind === "count" && n.unit === "天" && /登录|登陆|login/u.test(n.before + n.after));
  const quotes = numberNear(slots, ["count", "plain"], /报价|quote/u, 8, (n) => /上月|上个月|last month/u.test(n.before) || n.unit === "天" || n.kind === "percent");
  const gmv = numberNear(slots, ["amount"], /gmv|交易额|实收|成交/u, 10);
  const usage = rate(numberNear(slots, ["percent"], /权益|消耗|usage/u, 10));
  if (response !== undefined) patch("本月至今24小时报价响应率", formatPercent(rfq.responseRate24h), formatPercent(response), { responseRate24h: response });
  else if (reply !== undefined && usage === undefined) patch("近30天报价买家回复率", formatPercent(rfq.buyerReplyRate30d), formatPercent(reply), { buyerReplyRate30d: reply });
  if (loginDays) patch("本月至今RFQ登录天数", `${rfq.loginDaysMonthToDate} 天`, `${loginDays.value} 天`, { loginDaysMonthToDate: Math.min(31, Math.round(loginDays.value)) });
  if (quotes && quotes.unit !== "") patch("本月报价个数", `${rfq.quotesMonthToDate} 个`, `${quotes.value} 个`, { quotesMonthToDate: Math.round(quotes.value) });
  if (gmv && gmv.currency !== "CNY") patch("RFQ近90天累计实收GMV", formatUsd(rfq.gmv90dUsd), formatUsd(gmv.value), { gmv90dUsd: gmv.value });
  if (usage !== undefined) patch("本月免费权益消耗", formatPercent(rfq.freeEntitlementUsage), formatPercent(usage), { freeEntitlementUsage: usage });
  return patches;
}

function factoryPatches(m: Merchant, slots: Slots): Patch[] {
  const f = m.factory;
  if (!f) return [];
  const patches: Patch[] = [];
  const patch = (label: string, from: string, to: string, next: Partial<typeof f>): void => {
    patches.push({ merchant: { ...m, factory: { ...f, ...next } }, change: { label, from, to } });
  };
  const inquiries = numberNear(slots, ["count", "plain"], /询盘|inquir/u, 8, (n) => n.unit === "天");
  const hours = slots.numbers.find((n) => n.kind === "count" && n.unit === "小时");
  const onTime = rate(numberNear(slots, ["percent"], /及时|准时|发货率|on.?time/u, 10));
  const ta = numberNear(slots, ["amount"], /信保|ta|gmv/u, 10);
  if (inquiries) patch("近90天有效询盘", `${f.effectiveInquiries90d} 个`, `${inquiries.value} 个`, { effectiveInquiries90d: Math.round(inquiries.value) });
  if (hours) patch("近90天平均回复时间", `${formatNumber(f.avgReplyHours90d)} 小时`, `${formatNumber(hours.value)} 小时`, { avgReplyHours90d: hours.value });
  if (onTime !== undefined) patch("近90天及时发货率", formatPercent(f.onTimeDispatchRate90d), formatPercent(onTime), { onTimeDispatchRate90d: onTime });
  if (ta && ta.currency !== "CNY") patch("近90天信保GMV", formatUsd(f.taGmv90dUsd), formatUsd(ta.value), { taGmv90dUsd: ta.value });
  return patches;
}

function feesPatches(m: Merchant, slots: Slots): Patch[] {
  const fees = m.exportFees;
  const amount = slots.numbers.find((n) => n.kind === "amount" && n.currency !== "CNY");
  if (!fees || !amount) return [];
  if (/一达通|代理出口|one ?touch/u.test(slots.text)) {
    return [{ merchant: { ...m, exportFees: { ...fees, agencyExportReceivedUsd: amount.value } }, change: { label: "一达通代理出口累计实收", from: formatUsd(fees.agencyExportReceivedUsd), to: formatUsd(amount.value) } }];
  }
  return [{ merchant: { ...m, exportFees: { ...fees, selfExportReceivedUsd: amount.value } }, change: { label: "自营出口/市场采购出口累计实收", from: formatUsd(fees.selfExportReceivedUsd), to: formatUsd(amount.value) } }];
}

function guaranteePatches(m: Merchant, slots: Slots): Patch[] {
  const g = m.guarantee;
  const d = slots.dates.find((x) => /加入|开通|join/u.test(x.before + slots.text.slice(x.index + x.raw.length, x.index + x.raw.length + 6)));
  if (!g || !d) return [];
  const from = g.joinedAt ? formatDateTime(DateTime.fromISO(g.joinedAt, { setZone: true })) : "无";
  return [{ merchant: { ...m, guarantee: { ...g, joinedAt: d.instant.toISO(), exitedAt: null } }, change: { label: "加入保障升级服务的时间", from, to: formatDateTime(d.instant) } }];
}

const PATCHERS: Readonly<Record<string, (m: Merchant, slots: Slots) => Patch[]>> = {
  "/score": scorePatches,
  "/factory": factoryPatches,
  "/fees": feesPatches,
  "/guarantee": guaranteePatches,
};

/** Whether a question imagines a figure ("如果回复率到50%") rather than telling one. */
export function imaginesFigures(text: string): boolean {
  return WHAT_IF.test(text.normalize("NFKC").toLowerCase());
}

/**
 * Whether a question tells figures of its own before it imagines one ("GMV is US$36,000 and we
 * used 80%… and if we use 100%?"): then it asks about the case it tells, not the stored record.
 */
export function tellsFiguresBeforeImagining(text: string): boolean {
  const t = text.normalize("NFKC").toLowerCase();
  const m = WHAT_IF.exec(t);
  return m !== null && /\d/u.test(t.slice(0, m.index));
}

/**
 * The merchant record with the figures a what-if question changes, or undefined when the
 * question imagines nothing this check reads (then the check runs on the record as stored).
 */
export function applyWhatIf(action: string, text: string, merchant: Merchant, now: DateTime): WhatIf | undefined {
  const patcher = PATCHERS[action];
  if (!patcher || /^\s*[/／]/u.test(text) || !imaginesFigures(text)) return undefined;
  const slots = extractSlots(text, now);
  let current = merchant;
  const changes: ChangedFigure[] = [];
  // Each patch is computed on the record as stored; they touch different fields, so apply in turn.
  for (const p of patcher(merchant, slots)) {
    if (!p) continue;
    const next = patcher(current, slots).find((q) => q?.change.label === p.change.label);
    if (next) {
      current = next.merchant;
      changes.push(p.change);
    }
  }
  return changes.length > 0 ? { merchant: current, changes } : undefined;
}

/** The line above a what-if result: which figures were changed, from what to what. */
export function whatIfNote(merchantId: string, w: WhatIf): string {
  const changed = w.changes.map((c) => `${c.label} ${c.from} → **${c.to}**`).join("；");
  return `**假设**：${changed}（其余按 ${merchantId} 的记录）。以下是按这个假设、用同一规则算出的结果：`;
}
