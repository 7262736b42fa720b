/**
 * How the bot decides between answering, asking which entry was meant, and saying it does not
 * know: courtesy never changes the outcome, a topic-only question gets an overview or a choice
 * (never one specific rule picked by chance), and sibling entries are told apart by a question
 * that names their difference.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadTrainingQuestions } from "../../knowledge/labelled-questions.js";
import type { Reply } from "../../bot/pipeline/types.js";
import { makeBot } from "../support/make-bot.js";
import type { TestBot } from "../support/make-bot.js";

let bot: TestBot;
beforeAll(() => {
  bot = makeBot();
});

let conversation = 0;
/** Each question in a fresh conversation, so no clarify prompt carries over. */
const ask = (text: string) => bot.ask(text, { conversationId: `decisions-${++conversation}` });
const outcome = (r: Reply) => `${r.kind}:${r.entryId ?? (r.choices ?? []).join(",")}`;

const COURTESY: Array<(q: string) => string> = [
  (q) => `你好，请问${q}`,
  (q) => `${q}，谢谢`,
  (q) => `谢谢，${q}`,
  (q) => `麻烦问下，${q}？辛苦了`,
  (q) => `@规则助手 ${q}`,
  (q) => `老师好～${q} 多谢！`,
  (q) => `hi, ${q} thanks`,
];

describe("courtesy around a question", () => {
  it("never changes the outcome, over every entry's question and a sample of real questions", async () => {
    const questions = [
      ...bot.deps.kb.entries.map((e) => e.question),
      ...loadTrainingQuestions()
        .filter((_, i) => i % 10 === 0)
        .map((q) => q.q),
    ];
    const changed: string[] = [];
    for (const q of questions) {
      const bare = outcome(await ask(q));
      for (const wrap of COURTESY) {
        const wrapped = wrap(q);
        const got = outcome(await ask(wrapped));
        if (got !== bare) changed.push(`${JSON.stringify(wrapped)}: ${got} instead of ${bare}`);
      }
    }
    expect(changed).toEqual([]);
  }, 120_000);
});

describe("a question that names only its topic", () => {
  it.each([
    ["被罚了", "rules-penalties-overview"],
    ["金品", "gold-upgrade-overview"],
    ["找工厂", "factory-what-is"],
    ["保障升级服务", "guarantee-what-is"],
  ])("%s gets the topic's overview, with the specific entries to tap next", async (q, overview) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(reply.entryId).toBe(overview);
    expect(bot.deps.kb.byId.get(reply.entryId!)!.overview).toBe(true);
    // The specific entries are one tap away, as buttons.
    expect(reply.actions?.filter((a) => a.kind !== "vote" && a.send.startsWith("/faq ")).length).toBeGreaterThanOrEqual(1);
  });

  it.each(["被罚了", "扣分了", "处罚", "入驻", "申诉", "采购节", "RFQ", "信保", "penalty"])(
    "%s never gets one specific rule picked by chance: an overview or a choice",
    async (q) => {
      const reply = await ask(q);
      if (reply.kind === "answer") expect(bot.deps.kb.byId.get(reply.entryId!)!.overview, `${q} → ${reply.entryId}`).toBe(true);
      else expect(reply.kind).toBe("clarify");
      expect(reply.entryId).not.toBe("rules-drug-penalty");
    },
  );

  it("a topic with a question word is a real question, answered by its entry", async () => {
    const reply = await ask("被罚了几天内能申诉");
    expect(reply.kind).toBe("answer");
    expect(reply.text).toMatch(/7\s*天/);
  });
});

describe("sibling entries are told apart by a question that names their difference", () => {
  it.each([
    ["金品诚企的工贸一体是怎么认定的", "gold-integrated-definition"],
    ["找工厂协议里工贸一体的定义是什么", "factory-agreement-definition"],
    ["保障升级服务加入以后多久能退出", "guarantee-exit"],
    ["退出保障升级服务后多久能重新加入", "guarantee-rejoin"],
    ["7月的违规公示有哪些", "rules-violations-july"],
    ["8月的违规公示有哪些", "rules-violations-august"],
    ["每周统计的行业各周GMV统计时间是哪几天", "festival-weekly-gmv-windows"],
    ["累计统计的行业各周GMV统计时间是哪几天", "festival-cumulative-gmv-windows"],
    ["拒用信保被处罚了怎么申诉", "rules-faq-appeal-how"],
    ["被找工厂频道清退了怎么申诉", "factory-removal-appeal"],
    ["保障升级服务逾期发货赔偿标准是多少", "guarantee-compensation-standard"],
    ["采购节买家侧的到货保障赔多少", "festival-arrival-guarantee"],
    ["RFQ服务分每档赠送多少条报价", "rfq-free-quotes-by-tier"],
    ["RFQ报价畅行是什么权益", "rfq-quote-unlimited"],
    ["药品严重违规怎么处罚", "rules-drug-penalty"],
    ["售假重复侵权怎么处罚", "rules-counterfeit-penalty"],
    ["引导买家站外沟通怎么处罚", "rules-offsite-chat-penalty"],
    ["拒绝买家使用信保怎么处罚", "rules-refuse-ta-penalty"],
  ])("%s → %s", async (q, id) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(reply.entryId).toBe(id);
  });

  it.each(["工贸一体怎么算", "工贸一体的标准是什么", "工贸一体是什么意思"])("a question that could mean either 工贸一体 gets both definitions, or the choice of the two: %s", async (q) => {
    const reply = await ask(q);
    if (reply.kind === "clarify") {
      expect([...(reply.choices ?? [])].sort()).toEqual(["factory-agreement-definition", "gold-integrated-definition"]);
      return;
    }
    expect(reply.kind).toBe("answer");
    // The agreement's 50% of a factory and the Verified Supplier identity's three conditions, whichever entry answers.
    expect(reply.text).toMatch(/控股工厂50%以上/);
    expect(reply.text).toMatch(/同一法人/);
  });
});
