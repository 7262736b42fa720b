import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_HANDOFF_REPLY_WITHIN, loadConfig } from "../bot/config.js";

describe("loadConfig", () => {
  it("needs nothing for the terminal chat", () => {
    const c = loadConfig({});
    expect(c.dingtalk).toBeUndefined();
    expect(c.databasePath).toBe("data/bot.db");
    expect(c.logLevel).toBeUndefined();
    expect(c.questionRetentionDays).toBe(90);
    expect(c.supportStaffIds.size).toBe(0);
    expect(c.healthHost).toBe("127.0.0.1");
    expect(c.shutdownGraceMs).toBe(10_000);
  });

  it("allows only DingTalk's webhook hosts unless DINGTALK_WEBHOOK_HOSTS says otherwise", () => {
    const creds = { DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "secret" };
    expect(loadConfig(creds).dingtalk?.webhookHosts).toEqual(["oapi.dingtalk.com", "api.dingtalk.com"]);
    expect(loadConfig({ ...creds, DINGTALK_WEBHOOK_HOSTS: "127.0.0.1, Oapi.DingTalk.com" }).dingtalk?.webhookHosts).toEqual(["127.0.0.1", "oapi.dingtalk.com"]);
    expect(() => loadConfig({ ...creds, DINGTALK_WEBHOOK_HOSTS: "http://evil.example/" })).toThrow(/DINGTALK_WEBHOOK_HOSTS/);
  });

  it("connects DingTalk with both credentials, defaulting to the official endpoints", () => {
    const c = loadConfig({ DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "secret", SUPPORT_STAFF_IDS: "s1, s2 s3" });
    expect(c.dingtalk).toMatchObject({ clientId: "id", gatewayUrl: "https://api.dingtalk.com/v1.0/gateway/connections/open", apiBaseUrl: "https://api.dingtalk.com" });
    expect([...c.supportStaffIds]).toEqual(["s1", "s2", "s3"]);
  });

  it.each([
    [{ DINGTALK_CLIENT_ID: "id" }, "DINGTALK_CLIENT_SECRET"],
    [{ DINGTALK_CLIENT_SECRET: "s" }, "DINGTALK_CLIENT_ID"],
    [{ DINGTALK_GATEWAY_URL: "ftp://x" }, "DINGTALK_GATEWAY_URL"],
    [{ HEALTH_PORT: "99999" }, "HEALTH_PORT"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ QUESTION_RETENTION_DAYS: "0" }, "QUESTION_RETENTION_DAYS"],
    [{ SHUTDOWN_GRACE_MS: "-5" }, "SHUTDOWN_GRACE_MS"],
  ])("names the variable that is wrong: %j", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it("reads the staff on duty for handoffs, who become support staff too", () => {
    const c = loadConfig({ SUPPORT_STAFF_IDS: "s1", SUPPORT_ON_DUTY: "s1:王小二, s9 ，s7：李 客服" });
    expect(c.handoff.onDuty).toEqual([
      { id: "s1", name: "王小二" },
      { id: "s9", name: undefined },
      { id: "s7", name: "李 客服" },
    ]);
    expect([...c.supportStaffIds]).toEqual(["s1", "s9", "s7"]);
    expect(c.handoff.replyWithin).toBe(DEFAULT_HANDOFF_REPLY_WITHIN);
    expect(loadConfig({ HANDOFF_REPLY_WITHIN: " 工作日 2 小时内 " }).handoff.replyWithin).toBe("工作日 2 小时内");
    expect(loadConfig({}).handoff).toEqual({ onDuty: [], replyWithin: DEFAULT_HANDOFF_REPLY_WITHIN });
  });

  it.each([
    [{ SUPPORT_ON_DUTY: "s1:王:小二" }, "SUPPORT_ON_DUTY"],
    [{ SUPPORT_ON_DUTY: "s1:王小二,s1:又是他" }, "SUPPORT_ON_DUTY"],
    [{ SUPPORT_ON_DUTY: ":无名" }, "SUPPORT_ON_DUTY"],
    [{ HANDOFF_REPLY_WITHIN: "x".repeat(41) }, "HANDOFF_REPLY_WITHIN"],
  ])("names the handoff setting that is wrong: %j", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it("never echoes the secret in its errors", () => {
    try {
      loadConfig({ DINGTALK_CLIENT_SECRET: "super-secret-value" });
    } catch (err) {
      expect((err as Error).message).not.toContain("super-secret-value");
    }
  });
});
