// The public API of @rashigo/bots. Anything not exported here is internal.
export {
  createClient,
  BotClient,
  type ClientOptions,
  type ClientEvents,
  type BotUser,
  type AvatarImage,
  type Message,
  type ChannelInfo,
  type ReactionChange,
  type BotCommandContext as CommandContext,
  type BotCommandHandler as CommandHandler,
} from './sdk/client.js';
export type { CommandOptions } from './sdk/command-registry.js';
export { parseInvocation, parseArgs, usageOf, type ArgSpec, type ParsedArgs, type Invocation } from './sdk/commands.js';
export { ApiError, ConnectionError, FATAL_CLOSE_CODES } from './sdk/errors.js';
export { GraphqlConnection, type ConnectionStatus } from './sdk/graphql-connection.js';
export type { BackoffOptions } from './sdk/backoff.js';
export type { Permission } from './gql/graphql.js';
export * from './voice/index.js';
