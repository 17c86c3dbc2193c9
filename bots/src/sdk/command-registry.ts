import type { MessageFieldsFragment, Permission } from '../gql/graphql.js';
import {
  parseArgs,
  parseInvocation,
  usageOf,
  USERNAME_MENTION,
  type ArgSpec,
  type Invocation,
  type MentionedIds,
  type ParsedArgs,
} from './commands.js';

export interface CommandOptions {
  /** Arguments in order; bad or missing ones answer with the usage line. */
  args?: readonly ArgSpec[];
  /** The caller needs this server permission; otherwise the bot says so and does nothing. */
  permission?: Permission;
  description?: string;
}

/** A message with the server it was sent in. */
export interface Message extends MessageFieldsFragment {
  serverId: string;
}

/** What the registry needs of the client; the client itself is handed to handlers as `C`. */
export interface CommandHost {
  readonly prefix: string;
  readonly user: { id: string; username: string };
  send(channelId: string, content: string, options: { replyToId: string }): Promise<Message>;
  permissionsOf(serverId: string, userId: string): Promise<{ has(permission: Permission): boolean }>;
  memberIdByUsername(serverId: string, username: string): Promise<string | null>;
  report(error: unknown, where: string): void;
}

export interface CommandContext<C extends CommandHost = CommandHost> {
  message: Message;
  args: ParsedArgs;
  client: C;
  /** Answers in the message's channel, as a reply to it. */
  reply: (content: string) => Promise<Message>;
}

export type CommandHandler<C extends CommandHost = CommandHost> = (context: CommandContext<C>) => unknown;

interface Command<C extends CommandHost> extends CommandOptions {
  name: string;
  handler: CommandHandler<C>;
}

/** Turns messages into command calls: trigger, arguments, the caller's permission, errors contained. */
export class CommandRegistry<C extends CommandHost> {
  private readonly commands = new Map<string, Command<C>>();

  constructor(private readonly client: C) {}

  add(name: string, handler: CommandHandler<C>, options: CommandOptions): void {
    this.commands.set(name.toLowerCase(), { ...options, name: name.toLowerCase(), handler });
  }

  async dispatch(message: Message): Promise<void> {
    if (this.commands.size === 0 || message.author.isBot) return;
    const { id: botId, username: botUsername } = this.client.user;
    const invocation = parseInvocation(message.content, { prefix: this.client.prefix, botId, botUsername });
    const command = invocation && this.commands.get(invocation.name);
    if (!invocation || !command) return;
    const reply = (content: string) => this.client.send(message.channel.id, content, { replyToId: message.id });
    try {
      if (command.permission) {
        const granted = await this.client.permissionsOf(message.serverId, message.author.id);
        if (!granted.has(command.permission)) {
          await reply(`You need the ${command.permission} permission to use ${this.client.prefix}${command.name}.`);
          return;
        }
      }
      const parsed = parseArgs(invocation, command.args ?? [], await this.mentionedIn(message.serverId, invocation, command.args ?? []));
      if (!parsed.ok) {
        await reply(`${parsed.problem}. Usage: ${usageOf(this.client.prefix, command.name, command.args ?? [])}`);
        return;
      }
      await command.handler({ message, args: parsed.args, client: this.client, reply });
    } catch (error) {
      this.client.report(error, `command ${command.name}`);
    }
  }

  /**
   * The members the invocation's "@name" words name, looked up only for a command taking a user (the
   * dashboard writes a mention as "@username"): at most a few lookups per command.
   */
  private async mentionedIn(serverId: string, invocation: Invocation, specs: readonly ArgSpec[]): Promise<MentionedIds> {
    const mentioned = new Map<string, string>();
    if (!specs.some((spec) => spec.type === 'user')) return mentioned;
    const names = new Set(invocation.words.filter((word) => USERNAME_MENTION.test(word)).map((word) => word.slice(1).toLowerCase()));
    for (const name of [...names].slice(0, specs.length)) {
      const id = await this.client.memberIdByUsername(serverId, name);
      if (id) mentioned.set(name, id);
    }
    return mentioned;
  }
}
