import { defineCommand } from "./define-command.js";
import type { CommandDefinition, CommandGroup } from "./define-command.js";
import { makeReply } from "../pipeline/replies.js";

const GROUP_TITLES: Record<CommandGroup, string> = {
  knowledge: "规则问答",
  checks: "个性化检查（仅限绑定的商户账号和客服，请在单聊中使用）",
  tools: "计算工具",
  staff: "客服工具（仅客服可用）",
};

/** Renders the command list from the registry, so it can never drift from what exists. */
export function renderHelp(commands: readonly CommandDefinition[], staff: boolean): string {
  const lines = [
    "我是**国际站规则助手**，依据 2021年8月26日商家发布会的内容回答规则问题，并为绑定的商户计算个性化数据。",
    "",
    "直接用中文或英文提问即可，例如：",
    "- 保障升级服务多久能退出？",
    "- 找工厂在哪里入驻？",
    "- 被处罚几天内能申诉？",
  ];
  for (const group of Object.keys(GROUP_TITLES) as CommandGroup[]) {
    const list = commands.filter((c) => c.group === group && (staff || !c.staffOnly));
    if (list.length === 0) continue;
    lines.push("", `**${GROUP_TITLES[group]}**`);
    for (const c of list) {
      const aliases = c.aliases.length > 0 ? `（也可用 ${c.aliases.map((a) => `/${a}`).join(" ")}）` : "";
      lines.push(`- ${c.usage}：${c.summary}${aliases}`);
    }
  }
  lines.push("", "商户ID可省略：你的钉钉账号只绑定一个商户时，自动查询该商户。");
  return lines.join("\n");
}

export const helpCommand = defineCommand({
  name: "help",
  aliases: ["帮助", "菜单"],
  usage: "/help",
  summary: "查看我能做什么和全部指令",
  group: "knowledge",
  run: ({ msg, deps }) => makeReply("command", "帮助", renderHelp(deps.commands, msg.staff)),
});
