import { describe, expect, it } from "vitest";
import { checkFactory, ON_TIME_MIN_RATE_EXCLUSIVE, onTimeOrdersNeeded, type FactoryCheck, type FactoryList } from "../../rules/check-factory.js";
import type { FactoryMetrics, Merchant } from "../../rules/merchant.js";
import { makeMerchant } from "./fixtures.js";

/** Metrics that meet nothing, with the licence and agreement in place. */
const baseFactory: FactoryMetrics = {
  verifiedLicenceWithProduction: true,
  agreementSigned: true,
  effectiveInquiries90d: 0,
  avgReplyHours90d: 24,
  replyRate90d: 0.5,
  dispatchedOrders90d: 0,
  onTimeDispatchRate90d: 0,
  taGmv90dUsd: 0,
};

function lists(factory: Partial<FactoryMetrics>, merchant: Partial<Merchant> = {}): FactoryCheck {
  return checkFactory(makeMerchant({ ...merchant, factory: { ...baseFactory, ...factory } }));
}

function list(result: FactoryCheck, id: FactoryList) {
  const l = result.lists?.find((x) => x.list === id);
  if (!l) throw new Error(`no list ${id}`);
  return l;
}

describe("checkFactory — ranking lists", () => {
  it.each([
    [0, false, 41],
    [40, false, 1],
    [41, true, 0],
    [100, true, 0],
  ])("热度榜: %i inquiries → met %s, %i more needed", (inquiries, met, gap) => {
    const heat = list(lists({ effectiveInquiries90d: inquiries }), "heat");
    expect(heat.name).toBe("热度榜");
    expect(heat.met).toBe(met);
    expect(heat.thresholds[0]).toMatchObject({ op: ">", threshold: 40, gap });
  });

  it.each([
    [0, true, 0],
    [1.99, true, 0],
    [2.0, false, 0], // must get strictly below 2 h
    [2.5, false, 0.5],
    [5, false, 3],
  ])("回复时间榜: %f h → met %s, over by %f h", (hours, met, gap) => {
    const l = list(lists({ avgReplyHours90d: hours }), "response-time");
    expect(l.met).toBe(met);
    expect(l.orderedBy).toBe("replyRate90d");
    expect(l.thresholds[0]).toMatchObject({ op: "<", threshold: 2, gap });
  });

  it.each([
    [0, 1.0, false, [false, true]],
    [1, 0.9, false, [true, false]],
    [1, 0.9001, true, [true, true]],
    [1, 0.91, true, [true, true]],
    [3, 0.5, false, [true, false]],
  ])("及时发货榜: %i orders at %f on time → met %s", (orders, rate, met, each) => {
    const l = list(lists({ dispatchedOrders90d: orders, onTimeDispatchRate90d: rate }), "on-time-dispatch");
    expect(l.met).toBe(met);
    expect(l.thresholds.map((t) => t.met)).toEqual(each);
  });

  it("及时发货榜 gaps", () => {
    const l = list(lists({ dispatchedOrders90d: 0, onTimeDispatchRate90d: 0.5 }), "on-time-dispatch");
    expect(l.thresholds).toMatchObject([
      { metric: "dispatchedOrders90d", op: ">=", threshold: 1, gap: 1 },
      { metric: "onTimeDispatchRate90d", op: ">", threshold: 0.9, gap: 0.4 },
    ]);
  });

  it.each([
    [0, false, 2000],
    [1999, false, 1],
    [2000, false, 0], // must be more than 2000
    [2000.01, true, 0],
    [2001, true, 0],
  ])("实力榜: TA GMV %f → met %s, gap %f", (gmv, met, gap) => {
    const l = list(lists({ taGmv90dUsd: gmv }), "strength");
    expect(l.met).toBe(met);
    expect(l.thresholds[0]).toMatchObject({ op: ">", threshold: 2000, gap });
  });

  it("has no lists without the metrics, and lists apply only to factory/integrated merchants", () => {
    const none = checkFactory(makeMerchant({ gold: true }));
    expect(none.lists).toBeNull();
    expect(none.missing).toEqual(["factory"]);
    expect(lists({}, { businessType: "trading" }).listsApply).toBe(false);
    expect(lists({}, { businessType: "integrated" }).listsApply).toBe(true);
  });
});

describe("checkFactory — channel entry", () => {
  it.each([
    // [description, merchant, factory metrics (or null), eligible, route, actions]
    ["Gold factory enters directly", { gold: true }, null, true, "gold-direct", []],
    ["Gold integrated in Shenzhen enters directly", { gold: true, businessType: "integrated", city: "Shenzhen" }, null, true, "gold-direct", []],
    ["Gold trading company cannot", { gold: true, businessType: "trading" }, null, false, "gold-direct", []],
    ["non-Gold factory with licence and agreement", {}, {}, true, "agreement", []],
    ["non-Gold factory without the agreement", {}, { agreementSigned: false }, false, "agreement", ["tick-agreement"]],
    [
      "non-Gold factory without licence nor agreement",
      {},
      { verifiedLicenceWithProduction: false, agreementSigned: false },
      false,
      "agreement",
      ["get-licence-verified-on-site", "tick-agreement"],
    ],
    ["non-Gold in Shenzhen", { city: "Shenzhen" }, {}, false, "agreement", ["buy-gold"]],
    ["non-Gold in 广州市", { city: "广州市" }, null, false, "agreement", ["buy-gold"]],
    ["non-Gold in 'guangzhou shi'", { city: "guangzhou shi" }, {}, false, "agreement", ["buy-gold"]],
    ["non-Gold in Dongguan without metrics: unknown", { city: "Dongguan" }, null, null, "agreement", []],
    ["non-Gold trading company", { businessType: "trading" }, {}, false, "agreement", []],
  ] as const)("%s", (_name, merchant, factory, eligible, route, actions) => {
    const m = makeMerchant({ ...merchant, ...(factory ? { factory: { ...baseFactory, ...factory } } : {}) });
    const result = checkFactory(m);
    expect(result.entry.eligible).toBe(eligible);
    expect(result.entry.route).toBe(route);
    expect(result.entry.actions).toEqual(actions);
  });

  it("lists every entry condition of a non-Gold merchant", () => {
    const result = checkFactory(makeMerchant({ city: "Shenzhen", businessType: "trading" }));
    expect(result.entry.conditions).toEqual([
      { code: "business-type-factory-or-integrated", met: false },
      { code: "not-guangzhou-or-shenzhen", met: false },
      { code: "verified-licence-with-production", met: null },
      { code: "agreement-signed", met: null },
    ]);
  });
});

describe("onTimeOrdersNeeded", () => {
  it.each([
    // on time, dispatched, more needed: (onTime + x) / (dispatched + x) must be above 90%
    [36, 40, 1], // exactly 90% is not above it: one more gives 37/41 = 90.2%
    [35, 40, 11], // 45/50 = 90% is not above; 46/51 = 90.2% is
    [19, 20, 0], // 95% is already above
    [0, 1, 10], // 10/11 = 90.9%
    [0, 0, 1], // no orders yet: one on time is 100%
  ])("%i of %i on time needs %i more", (onTime, dispatched, more) => {
    expect(onTimeOrdersNeeded(onTime, dispatched)).toBe(more);
    if (more > 0) {
      expect((onTime + more) / (dispatched + more)).toBeGreaterThan(ON_TIME_MIN_RATE_EXCLUSIVE);
      expect((onTime + more - 1) / (dispatched + more - 1)).not.toBeGreaterThan(ON_TIME_MIN_RATE_EXCLUSIVE);
    }
  });
});
