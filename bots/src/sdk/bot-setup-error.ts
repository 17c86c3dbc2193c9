/**
 * A bot's configuration names something the API says it cannot use (a server it is not in, a
 * channel it cannot see). The message starts with the config field. Restarting would not help.
 */
export class BotSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BotSetupError';
  }
}
