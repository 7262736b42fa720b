/**
 * The merchants the command tests load, written for the boundaries each check turns on. Peers:
 * M20001–M20003 share 五金工具 (so the ranked RFQ factors have peers); M20005 is alone in 机械.
 * Users: u-alpha → M20001, u-beta → M20002, u-multi → both, u-nobody → none.
 */
import type { Merchant } from "../../rules/merchant.js";

const base = {
  province: "Zhejiang",
  city: "Ningbo",
  odm: true,
} as const;

export const ALPHA: Merchant = {
  ...base,
  id: "M20001",
  name: "Alpha Hardware Co., Ltd.",
  dingtalkUserIds: ["u-alpha", "u-multi"],
  gold: true,
  businessType: "integrated",
  industry: "五金工具",
  category: "手动工具",
  exportYears: 3,
  // 22 → 5, top of both peer ranks → 25 + 25, 50% → 20, 25,000 → 25: 100 + Gold 20 = 120
  rfq: {
    loginDaysMonthToDate: 22,
    quotesMonthToDate: 60,
    quotesLastMonth: 120,
    responseRate24h: 0.9,
    buyerReplyRate30d: 0.5,
    gmv90dUsd: 25000,
    freeEntitlementUsage: 0.6,
  },
  // joined 2021-07-27 → may exit from 2021-08-26, the test clock's day
  guarantee: { joinedAt: "2021-07-27T10:00:00+08:00", exitedAt: null, rtsDispatchWithin7Days: 100, rtsSmallOrder: 49 },
  penalties: [],
  // every list exactly at its threshold, which is strict: none reached
  factory: {
    verifiedLicenceWithProduction: true,
    agreementSigned: false,
    effectiveInquiries90d: 40,
    avgReplyHours90d: 2,
    replyRate90d: 0.9,
    dispatchedOrders90d: 1,
    onTimeDispatchRate90d: 0.9,
    taGmv90dUsd: 2000,
  },
  brand: {
    annualExportCny: 999_999_999,
    listed: false,
    famousTrademark: true,
    brandRegisteredYears: 3,
    rdTeamSize: 9,
    highTech: false,
    annualMarketingCny: 500_000,
    trademarkCertificate: true,
  },
  exportFees: { selfExportReceivedUsd: 39_999.99, agencyExportReceivedUsd: 20_000 },
  verified: {
    floorAreaM2: 1200,
    certificates: [],
    qcInspectors: 5,
    rdStaff: 0,
    patents: 2,
    employees: 64,
    strengthTags: ["快速交货", "支持来图定制", "多语言沟通"],
  },
};

export const BETA: Merchant = {
  ...base,
  id: "M20002",
  name: "Beta Tools Factory",
  dingtalkUserIds: ["u-beta", "u-multi"],
  gold: false,
  businessType: "factory",
  province: "Guangdong",
  city: "Guangzhou",
  industry: "五金工具",
  exportYears: 2.5,
  // 4 + 13 + 13 + 5 + 20 = 55
  rfq: {
    loginDaysMonthToDate: 21,
    quotesMonthToDate: 30,
    quotesLastMonth: 18,
    responseRate24h: 0.5,
    buyerReplyRate30d: 0.0999,
    gmv90dUsd: 24_999.99,
    freeEntitlementUsage: 1,
  },
  guarantee: {
    joinedAt: "2021-08-10T09:00:00+08:00",
    exitedAt: "2021-08-20T10:00:00+08:00",
    rtsDispatchWithin7Days: 5,
    rtsSmallOrder: 55,
  },
  penalties: [
    // window closes at 2021-08-26 12:00, the test clock: still open
    { id: "P-1", rule: "refuse-trade-assurance", at: "2021-08-19T12:00:00+08:00", points: 0 },
    // a minute earlier: closed
    { id: "P-2", rule: "off-platform-communication", at: "2021-08-19T11:59:00+08:00", points: 3 },
    { id: "P-3", rule: "counterfeit-repeat", at: "2021-08-02T10:00:00+08:00", points: 0 },
    { id: "P-4", rule: "off-platform-communication", at: "2021-05-01T10:00:00+08:00", points: 0 },
    { id: "P-5", rule: "off-platform-communication", at: "2021-06-01T10:00:00+08:00", points: 3 },
    // before the refuse-TA rule took effect (2021-08-09): not counted in its ladder
    { id: "P-0", rule: "refuse-trade-assurance", at: "2021-08-01T10:00:00+08:00", points: 0 },
    // US Pacific evening = 2021-08-21 13:30 in Shanghai → deadline 2021-08-28 13:30
    { id: "P-6", rule: "other", at: "2021-08-20T22:30:00-07:00", points: 2 },
  ],
  // every list just past its threshold
  factory: {
    verifiedLicenceWithProduction: true,
    agreementSigned: true,
    effectiveInquiries90d: 41,
    avgReplyHours90d: 1.99,
    replyRate90d: 0.8,
    dispatchedOrders90d: 1,
    onTimeDispatchRate90d: 0.91,
    taGmv90dUsd: 2000.01,
  },
  exportFees: { selfExportReceivedUsd: 40_000, agencyExportReceivedUsd: 19_999 },
};

export const GAMMA: Merchant = {
  ...base,
  id: "M20003",
  name: "Gamma Precision",
  dingtalkUserIds: ["u-gamma"],
  gold: false,
  businessType: "factory",
  province: "Guangdong",
  city: "Dongguan",
  industry: "五金工具",
  exportYears: 10,
  odm: false,
  rfq: {
    loginDaysMonthToDate: 0,
    quotesMonthToDate: 10,
    quotesLastMonth: 0,
    responseRate24h: 0.3,
    buyerReplyRate30d: 0,
    gmv90dUsd: 0,
    freeEntitlementUsage: 0,
  },
  guarantee: { rtsDispatchWithin7Days: 0, rtsSmallOrder: 0 },
  factory: {
    verifiedLicenceWithProduction: false,
    agreementSigned: false,
    effectiveInquiries90d: 0,
    avgReplyHours90d: 5,
    replyRate90d: 0.5,
    dispatchedOrders90d: 0,
    onTimeDispatchRate90d: 0,
    taGmv90dUsd: 0,
  },
};

export const DELTA: Merchant = {
  ...base,
  id: "M20004",
  name: "Delta Apparel Trading",
  dingtalkUserIds: ["u-delta"],
  gold: true,
  businessType: "trading",
  industry: "服装",
  category: "女装",
  exportYears: 2.9,
  brand: {
    annualExportCny: 2_000_000_000,
    listed: true,
    famousTrademark: true,
    brandRegisteredYears: 10,
    rdTeamSize: 50,
    highTech: true,
    annualMarketingCny: 1_000_000,
    trademarkCertificate: true,
  },
};

export const EPSILON: Merchant = {
  ...base,
  id: "M20005",
  name: "Epsilon Machinery",
  dingtalkUserIds: ["u-epsilon"],
  gold: true,
  businessType: "integrated",
  industry: "机械",
  category: "包装机械",
  exportYears: 3,
  // alone in 机械: the ranked factors get 25 each; 1 + 25 + 25 + 10 + 10 = 71, + 20 = 91
  rfq: {
    loginDaysMonthToDate: 1,
    quotesMonthToDate: 1,
    quotesLastMonth: 10,
    responseRate24h: 0.1,
    buyerReplyRate30d: 0.1,
    gmv90dUsd: 2000,
    freeEntitlementUsage: 0,
  },
  // 22:00 US Pacific on 09-05 is 2021-09-06 in Shanghai → exit from 2021-10-06
  guarantee: { joinedAt: "2021-09-05T22:00:00-07:00", exitedAt: null, rtsDispatchWithin7Days: 0, rtsSmallOrder: 50 },
  brand: {
    annualExportCny: 100_000_000,
    listed: false,
    famousTrademark: false,
    brandRegisteredYears: 3,
    rdTeamSize: 0,
    highTech: true,
    annualMarketingCny: 500_000,
    trademarkCertificate: false,
  },
};

export const ZETA: Merchant = {
  ...base,
  id: "M20006",
  name: "Zeta Auto Parts",
  dingtalkUserIds: ["u-zeta"],
  gold: false,
  businessType: "trading",
  industry: "汽车配件及用品",
  category: "汽车灯",
  exportYears: 5,
};

export const ETA: Merchant = {
  ...base,
  id: "M20007",
  name: "Eta Pet Supplies",
  dingtalkUserIds: ["u-eta"],
  gold: false,
  businessType: "trading",
  industry: "宠物用品",
  exportYears: 1,
};

export const MERCHANTS: readonly Merchant[] = [ALPHA, BETA, GAMMA, DELTA, EPSILON, ZETA, ETA];
