import type { Permission } from '../gql/graphql.js';
import type { BotClient, Message } from './client.js';
import { parseArgs, parseInvocation, usageOf, type ArgSpec, type ParsedArgs } from './commands.js';

export interface CommandOptions {
  /** Arguments in order; bad or missing ones answer with the usage line. */
  args?: readonly ArgSpec[];
  /** The caller needs this server permission; otherwise the bot says so and does nothing. */
  permission?: Permission;
  description?: string;
}

export interface CommandContext {
  message: Message;
  args: ParsedArgs;
  client: BotClient;
  /** Answers in the message's channel, as a reply to it. */
  reply: (content: string) => Promise<Message>;
}

export type CommandHandler = (context: CommandContext) => unknown;

interface Command extends CommandOptions {
  name: string;
  handler: CommandHandler;
}

/** Turns messages into command calls: trigger, arguments, the caller's permission, errors contained. */
export class CommandRegistry {
  private readonly commands = new Map<string, Command>();

  constructor(private readonly client: BotClient) {}

  add(name: string, handler: CommandHandler, options: CommandOptions): void {
    this.commands.set(name.toLowerCase(), { ...options, name: name.toLowerCase(), handler });
  }

  async dispatch(message: Message): Promise<void> {
    if (this.commands.size === 0 || message.author.isBot) return;
    const invocation = parseInvocation(message.content, { prefix: this.client.prefix, botId: this.client.user.id });
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
      const parsed = parseArgs(invocation, command.args ?? []);
      if (!parsed.ok) {
        await reply(`${parsed.problem}. Usage: ${usageOf(this.client.prefix, command.name, command.args ?? [])}`);
        return;
      }
      await command.handler({ message, args: parsed.args, client: this.client, reply });
    } catch (error) {
      this.client.report(error, `command ${command.name}`);
    }
  }
}
