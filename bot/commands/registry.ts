/**
 * Every slash command, in the order /help lists them. Adding a command = a file in this folder
 * and a line here.
 */
import type { CommandDefinition } from "./define-command.js";
import { faqCommand } from "./faq.js";
import { helpCommand } from "./help.js";
import { topicsCommand } from "./topics.js";

export const COMMANDS: readonly CommandDefinition[] = [helpCommand, topicsCommand, faqCommand];
