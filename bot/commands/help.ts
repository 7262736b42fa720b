import { defineCommand } from "./define-command.js";
import type { CommandDefinition, CommandGroup } from "./define-command.js";
import { makeReply } from "../pipeline/replies.js";
import type { Reply } from "../pipeline/types.js";

const GROUP_TITLES: Record<CommandGroup, string> = {
  knowledge: "规则问答",
  checks: "个性化检查",
  tools: "计算工具",
  staff: "客服工具",
};

/** What each group is for, shown above its commands. */
const GROUP_NOTES: Record<CommandGroup, string> = {
  knowledge: "直接提问就能得到答案；这些指令用来浏览和查看条目。",
  checks: "仅限与商户绑定的钉钉账号和客服，请在单聊中使用。商户ID可省略：你的账号只绑定一个商户时，自动查询该商户。",
  tools: "不需要商户ID：把你的数字写在指令后面即可。",
  staff: "仅客服可用。",
};

/** Words after /help that name a group ("/help 检查", "/help checks"). */
const GROUP_WORDS: Record<CommandGroup, RegExp> = {
  knowledge: /^(?:knowledge|问答|规则|规则问答)$/i,
  checks: /^(?:checks?|检查|个性化|个性化检查)$/i,
  tools: /^(?:tools?|工具|计算|计算工具)$/i,
  staff: /^(?:staff|客服|客服工具)$/i,
};

function visibleGroups(commands: readonly CommandDefinition[], staff: boolean): CommandGroup[] {
  return (Object.keys(GROUP_TITLES) as CommandGroup[]).filter((g) => commands.some((c) => c.group === g && (staff || !c.staffOnly)));
}

/**
 * `/help`: a short card — what the bot is, an example question, one line of command names per
 * group, and one button per group for its details. Rendered from the registry, so it can never drift from what exists.
 */
export function renderHelp(commands: readonly CommandDefinition[], staff: boolean): Reply {
  const groups = visibleGroups(commands, staff);
  const text = [
    "我是**国际站规则助手**，依据 2021年8月26日商家发布会回答规则问题，并为绑定的商户计算个性化数据。",
    "",
    "直接用中文或英文提问即可，例如「保障升级服务多久能退出？」。指令（点按钮看说明）：",
    "",
    ...groups.map((g) => {
      const names = commands.filter((c) => c.group === g && (staff || !c.staffOnly)).map((c) => `/${c.name}`);
      return `- ${GROUP_TITLES[g]}：${names.join(" ")}`;
    }),
  ].join("\n");
  const actions = groups.map((g) => ({ label: GROUP_TITLES[g], send: `/help ${GROUP_TITLES[g]}` }));
  return makeReply("command", "帮助", text, { actions });
}

/** `/help <group>`: that group's commands, one line each. */
export function renderHelpGroup(commands: readonly CommandDefinition[], staff: boolean, group: CommandGroup): Reply {
  const list = commands.filter((c) => c.group === group && (staff || !c.staffOnly));
  const lines = [`**${GROUP_TITLES[group]}**`, "", GROUP_NOTES[group], ""];
  for (const c of list) {
    const aliases = c.aliases.length > 0 ? `（也可用 ${c.aliases.map((a) => `/${a}`).join(" ")}）` : "";
    lines.push(`- ${c.usage}：${c.summary}${aliases}`);
  }
  const others = visibleGroups(commands, staff).filter((g) => g !== group);
  return makeReply("command", GROUP_TITLES[group], lines.join("\n"), {
    actions: others.map((g) => ({ label: GROUP_TITLES[g], send: `/help ${GROUP_TITLES[g]}` })),
  });
}

export const helpCommand = defineCommand({
  name: "help",
  aliases: ["帮助", "菜单"],
  usage: "/help [规则问答|个性化检查|计算工具|客服工具]",
  summary: "查看我能做什么；加分类名列出该类的全部指令",
  group: "knowledge",
  run: ({ msg, args, deps }) => {
    const word = args.trim();
    const group = word ? (Object.keys(GROUP_WORDS) as CommandGroup[]).find((g) => GROUP_WORDS[g].test(word)) : undefined;
    if (group && visibleGroups(deps.commands, msg.staff).includes(group)) return renderHelpGroup(deps.commands, msg.staff, group);
    return renderHelp(deps.commands, msg.staff);
  },
});
