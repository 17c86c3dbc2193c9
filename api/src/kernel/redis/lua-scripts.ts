import type { RedisClient } from './redis.js';

export interface LuaScript {
  /** How many leading arguments are keys (0 when the script derives its keys); omitted, the first argument says. */
  numberOfKeys?: number;
  lua: string;
}

type ScriptFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Registers Lua scripts on a connection once (ioredis sends EVALSHA, falling back to EVAL) and
 * hands them back as typed functions, so features never touch ioredis's dynamic commands.
 */
export function luaScripts<T extends ScriptFunctions>(redis: RedisClient, namespace: string, scripts: { [K in keyof T]: LuaScript }): T {
  const commands = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const bound: Record<string, unknown> = {};
  for (const [name, script] of Object.entries(scripts) as [string, LuaScript][]) {
    const command = `rashigo_${namespace}_${name}`;
    if (!(command in redis)) redis.defineCommand(command, script);
    bound[name] = (...args: unknown[]) => commands[command]!.apply(redis, args);
  }
  return bound as T;
}
