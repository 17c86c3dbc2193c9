import { BotSetupError } from '../sdk/bot-setup-error.js';
import type { BotClient, ClientEvents, Message } from '../sdk/client.js';
import { RecentIds } from '../sdk/recent-ids.js';
import type { ModeratedServer, ModeratorConfig } from './moderator-config.js';
import { RuleSet, StrikeCounter, type Violation } from './rules.js';

interface ServerModeration {
  config: ModeratedServer;
  rules: RuleSet;
  strikes: StrikeCounter;
}

/**
 * Automod: checks every message in the configured servers against their rules and acts at once:
 * delete, warn in the channel, time out after N strikes, report to the mod-log. Deletions and
 * timeouts land in the audit log with the bot as actor. In dry run it only reports.
 */
export class ModeratorBot {
  private readonly servers = new Map<string, ServerModeration>();
  /** Edits checked (id and edit time): a re-read after missed events does not strike twice. */
  private readonly editsChecked = new RecentIds();

  constructor(
    private readonly client: BotClient,
    private readonly config: ModeratorConfig,
    /** Field path for setup errors, e.g. "bots[0].moderator". */
    private readonly field = 'moderator',
  ) {
    for (const server of config.servers) {
      this.servers.set(server.serverId, { config: server, rules: new RuleSet(server.rules), strikes: new StrikeCounter() });
    }
  }

  /** Call after `client.login()`: refuses servers and mod-log channels the bot cannot see, naming the field. */
  start(): void {
    const serverIds = new Set([...this.client.channels.values()].map((c) => c.serverId));
    this.config.servers.forEach((server, i) => {
      if (!serverIds.has(server.serverId))
        // A bot cannot join by itself (the API refuses it), so say who can put it there.
        throw new BotSetupError(
          `${this.field}.servers[${i}].serverId: the bot is not a member of server ${server.serverId}; ` +
            'a member with Manage Server adds it there (addBotToServer)',
        );
      if (server.modLogChannelId) {
        const channel = this.client.channels.get(server.modLogChannelId);
        if (!channel || channel.serverId !== server.serverId || !channel.permissions.includes('VIEW_CHANNEL'))
          throw new BotSetupError(
            `${this.field}.servers[${i}].modLogChannelId: the bot cannot see channel ${server.modLogChannelId} in that server`,
          );
      }
    });
    this.client.on('messageCreate', (message) => this.handle(message));
    // Editing a blocked word into a message is caught too.
    this.client.on('messageUpdate', (message) => this.handle(message, { edited: true }));
    // Edits made while the API's event bus was away never arrive as messageUpdate: they are read.
    this.client.on('eventsMissed', (event) => this.recheckEdits(event));
  }

  async handle(message: Message, { edited = false } = {}): Promise<void> {
    const server = this.servers.get(message.serverId);
    if (!server || message.author.isBot || message.channel.id === server.config.modLogChannelId) return;
    if (edited && !this.editsChecked.add(`${message.id}@${message.editedAt}`)) return;
    const violation = server.rules.check(
      { authorId: message.author.id, content: message.content, at: Date.parse(message.createdAt) || Date.now() },
      { edited },
    );
    if (!violation) return;
    this.client.logger.info(
      { messageId: message.id, authorId: message.author.id, rule: violation.rule, dryRun: this.config.dryRun },
      violation.reason,
    );
    if (this.config.dryRun) {
      await this.modLog(
        server,
        `[dry run] would act on a message from <@${message.author.id}> in <#${message.channel.id}>: ${violation.reason}`,
      );
      return;
    }
    await this.act(server, message, violation);
  }

  /** The channel's newest 100 messages edited from `since` on, checked as edits (older ones are not read). */
  private async recheckEdits({ channelId, serverId, since }: ClientEvents['eventsMissed'][0]): Promise<void> {
    const channel = this.client.channels.get(channelId);
    if (!this.servers.has(serverId) || !channel?.permissions.includes('READ_MESSAGE_HISTORY')) return;
    const { messages } = await this.client.recentMessages(channelId, { limit: 100 });
    const from = Date.parse(since);
    for (const message of messages) {
      if (message.editedAt && Date.parse(message.editedAt) >= from) await this.handle(message, { edited: true });
    }
  }

  private async act(server: ServerModeration, message: Message, violation: Violation): Promise<void> {
    const { actions } = server.config;
    const author = message.author.id;
    const done: string[] = [];
    if (actions.delete) {
      await this.client.deleteMessage(message.id);
      done.push('deleted a message');
    }
    if (actions.warn)
      void this.client
        .send(message.channel.id, `<@${author}>, your message broke a rule: ${violation.reason}.`)
        .catch((e) => this.client.report(e, 'warn'));
    if (actions.timeout) {
      const strikes = server.strikes.add(author, Date.now(), actions.timeout.windowSeconds * 1000);
      if (strikes >= actions.timeout.strikes) {
        await this.client.timeout(
          message.serverId,
          author,
          actions.timeout.seconds,
          `automod: ${strikes} strikes (last: ${violation.reason})`,
        );
        server.strikes.reset(author);
        done.push(`timed out for ${actions.timeout.seconds} s after ${strikes} strikes`);
      }
    }
    await this.modLog(
      server,
      `${done.join(', ') || 'flagged a message'} from <@${author}> in <#${message.channel.id}>: ${violation.reason}`,
    );
  }

  private async modLog(server: ServerModeration, text: string): Promise<void> {
    if (server.config.modLogChannelId) await this.client.send(server.config.modLogChannelId, text);
  }
}
