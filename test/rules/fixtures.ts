/** Test helpers for the rules: valid merchants built through the real schema, and instants. */
import { DateTime } from "luxon";
import { MerchantSchema, ZERO_RFQ, type Merchant, type Rfq } from "../../rules/merchant.js";

type MerchantInput = Partial<Omit<Merchant, "rfq">> & { rfq?: Partial<Rfq> | null };

/** A valid merchant (parsed by MerchantSchema, so a test cannot build an impossible record). */
export function makeMerchant(overrides: MerchantInput = {}): Merchant {
  const { rfq, ...rest } = overrides;
  return MerchantSchema.parse({
    id: "T1",
    name: "Test Co., Ltd.",
    dingtalkUserIds: ["u-test"],
    gold: false,
    businessType: "factory",
    province: "Zhejiang",
    city: "Ningbo",
    industry: "五金工具",
    exportYears: 5,
    odm: true,
    ...rest,
    ...(rfq === undefined ? {} : { rfq: rfq === null ? null : { ...baseRfq, ...rfq } }),
  });
}

/** An RFQ record scoring 0 on every threshold factor. */
export const baseRfq: Rfq = { ...ZERO_RFQ };

/** An instant from ISO 8601 with an offset, keeping that offset. */
export function at(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`bad test instant ${iso}`);
  return dt;
}
