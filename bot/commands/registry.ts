/**
 * Every slash command, in the order /help lists them. Adding a command = a file in this folder
 * and a line here.
 */
import { appealCommand } from "./appeal.js";
import { brandCommand } from "./brand.js";
import { cardCommand } from "./card.js";
import { checkCommand } from "./check.js";
import { compensationCommand } from "./compensation.js";
import { competitionCommand } from "./competition.js";
import type { CommandDefinition } from "./define-command.js";
import { factoryCommand } from "./factory.js";
import { faqCommand } from "./faq.js";
import { feedbackCommand } from "./feedback.js";
import { doneCommand } from "./done.js";
import { feesCommand } from "./fees.js";
import { festivalCommand } from "./festival.js";
import { guaranteeCommand } from "./guarantee.js";
import { handoffCommand } from "./handoff.js";
import { helpCommand } from "./help.js";
import { scoreCommand } from "./score.js";
import { searchCommand } from "./search.js";
import { statsCommand } from "./stats.js";
import { teachCommand } from "./teach.js";
import { topicsCommand } from "./topics.js";
import { trademarkCommand } from "./trademark.js";
import { unansweredCommand } from "./unanswered.js";
import { zoneCommand } from "./zone.js";

export const COMMANDS: readonly CommandDefinition[] = [
  helpCommand,
  topicsCommand,
  faqCommand,
  checkCommand,
  scoreCommand,
  guaranteeCommand,
  appealCommand,
  factoryCommand,
  brandCommand,
  zoneCommand,
  festivalCommand,
  feesCommand,
  cardCommand,
  trademarkCommand,
  compensationCommand,
  competitionCommand,
  feedbackCommand,
  handoffCommand,
  searchCommand,
  unansweredCommand,
  teachCommand,
  statsCommand,
  doneCommand,
];
