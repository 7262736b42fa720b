/**
 * September festival marketing offers (九月采购节—营销活动攻略): the per-order and threshold figures
 * the briefing gives, for replies that compute with them. Figures only: none of these needs a
 * merchant record, so there is no check function.
 */

/** briefing: 买家侧营销玩法 DDP 运费减免 — 中美海派(DDP) 指定运力线 每单优惠$20 */
export const DDP_DISCOUNT_USD_PER_ORDER = 20;
/** briefing: 买家侧营销玩法 运费减免 — 货值满$30则享受运费$20减免 */
export const SHIPPING_DISCOUNT_MIN_GOODS_USD = 30;
/** briefing: 同上 — 运费$20减免 */
export const SHIPPING_DISCOUNT_USD = 20;
/** briefing: 买家侧营销玩法 到货保障 — 买家发起逾期申请且成立将赔付订单金额10% (no cap given) */
export const ARRIVAL_GUARANTEE_RATE = 0.1;
/** briefing: 商家侧营销玩法 验货服务 — 验货服务8折优惠，优惠限量300单 (the price paid is 80% of the list price) */
export const INSPECTION_PRICE_FACTOR = 0.8;
/** briefing: 同上 — 优惠限量300单 */
export const INSPECTION_DISCOUNT_ORDERS = 300;
/**
 * briefing: 商家侧营销玩法 金融8折 — 生意贷：活动期间首次使用生意贷，可享订单提款8折利率优惠；超级信用证：满足条件的客户
 * 首次使用交单后融资/LC备货融资享受8折利率优惠 (the rate paid is 80% of the usual rate)
 */
export const FINANCE_RATE_FACTOR = 0.8;
/** briefing: 商家侧营销玩法 无忧系列 — 每单减30RMB，数量仅有5万单 */
export const WUYOU_DISCOUNT_CNY_PER_ORDER = 30;
/** briefing: 同上 — 数量仅有5万单 (the whole offer, not per merchant) */
export const WUYOU_DISCOUNT_ORDERS = 50_000;
/** briefing: 商家侧营销玩法 多式联运系列 — 锦联每单减100RMB，数量仅有3000单 */
export const MULTIMODAL_DISCOUNT_CNY_PER_ORDER = 100;
/** briefing: 同上 — 数量仅有3000单 */
export const MULTIMODAL_DISCOUNT_ORDERS = 3000;
