import { z } from 'zod';
import { patternProblem } from './safe-pattern.js';

const id = z.string().regex(/^\d{1,20}$/, 'must be an id (digits)');
const positive = z.number().int().positive();

/** The rules one server's messages are checked against; an unknown rule name is an error. */
export const rulesSchema = z.strictObject({
  /** Whole words, case-insensitive. */
  blockedWords: z.array(z.string().trim().min(1).max(100)).default([]),
  /** Regular expressions (case-insensitive), refused when they could backtrack catastrophically. */
  blockedPatterns: z
    .array(
      z.string().superRefine((source, ctx) => {
        const problem = patternProblem(source);
        if (problem) ctx.addIssue({ code: 'custom', message: `invalid pattern "${source}": ${problem}` });
      }),
    )
    .default([]),
  /** Links are allowed only to these hosts (and their subdomains); absent = links are not checked. */
  linkAllowList: z.array(z.string().trim().toLowerCase().min(1)).optional(),
  /** More than `max` mentions (<@id> or @name) in one message. */
  mentionSpam: z.strictObject({ max: positive }).optional(),
  /** The same text from one author more than `max` times within `windowSeconds`. */
  repeatedMessages: z.strictObject({ max: positive, windowSeconds: positive.default(30) }).optional(),
  /** Messages of at least `minLength` letters where more than `ratio` of them are capitals. */
  capitals: z.strictObject({ minLength: positive.default(10), ratio: z.number().gt(0).max(1).default(0.7) }).optional(),
  /** Invite links (…/invite/<code>); codes in `allowCodes` (this server's own) pass. */
  invites: z.strictObject({ allowCodes: z.array(z.string()).default([]) }).optional(),
});

export const actionsSchema = z.strictObject({
  delete: z.boolean().default(true),
  /** A reply in the channel naming the rule broken. */
  warn: z.boolean().default(true),
  /** After `strikes` violations within `windowSeconds`, time the author out for `seconds`. */
  timeout: z
    .strictObject({ strikes: positive.default(3), windowSeconds: positive.default(600), seconds: positive.default(600) })
    .optional(),
});

export const moderatedServerSchema = z.strictObject({
  serverId: id,
  /** Where each action is reported, with its reason. */
  modLogChannelId: id.optional(),
  rules: rulesSchema,
  actions: actionsSchema.default({ delete: true, warn: true }),
});

export const moderatorSchema = z.strictObject({
  /** Report what would be done (logs and mod-log), change nothing. */
  dryRun: z.boolean().default(false),
  servers: z.array(moderatedServerSchema).min(1),
});

export type ModeratorConfig = z.infer<typeof moderatorSchema>;
export type ModeratedServer = z.infer<typeof moderatedServerSchema>;
export type Rules = z.infer<typeof rulesSchema>;
