import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis-connection.js';

/**
 * The Lua scripts that make each presence transition atomic. Data, per
 * deployment prefix:
 * - `{prefix}:user:{userId}`: sorted set of the instances holding the user,
 *   each scored by its lease's expiry (ms, Redis's own clock, so instances
 *   with skewed clocks agree);
 * - `{prefix}:leases`: the same leases as `{userId}:{instanceId}`, scored
 *   the same, so a sweeper finds the expired ones with one range query;
 * - `{prefix}:last-seen:{userId}`: when the user's last device left (ms).
 * The instance whose command takes a user's last lease out announces them
 * offline; the one whose command gives them their first live lease announces
 * them online. Scripts return 0 for "no change" (never Lua false, which RESP3
 * turns into a boolean).
 */

const NOW = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;

/** Runs by SHA, loading the script on the first NOSCRIPT (a new or restarted Redis). */
class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async load(client: RedisClient): Promise<void> {
    await client.scriptLoad(this.source);
  }

  async run(client: RedisClient, keys: string[], args: (string | number)[]): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      return await client.evalSha(this.sha, options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, options);
    }
  }
}

/**
 * Takes or renews this instance's lease on each user. KEYS: leases, then one
 * user key per user; ARGV: instance id, lease ms, then the user ids. Returns
 * `{now, userId...}`: the users who had no live lease before, i.e. came online.
 */
export const holdLeases = new LuaScript(`${NOW}
local expiry = now + tonumber(ARGV[2])
local cameOnline = { now }
for i = 2, #KEYS do
  local userId = ARGV[i + 1]
  if redis.call('ZCOUNT', KEYS[i], string.format('(%d', now), '+inf') == 0 then
    cameOnline[#cameOnline + 1] = tonumber(userId)
  end
  redis.call('ZADD', KEYS[i], expiry, ARGV[1])
  redis.call('ZADD', KEYS[1], expiry, userId .. ':' .. ARGV[1])
end
return cameOnline`);

/**
 * Gives up this instance's lease on a user. KEYS: leases, user, last-seen;
 * ARGV: instance id, user id, ms to keep last-seen. Returns the time the user
 * went offline, or 0 when a live lease remains or this one was already gone
 * (swept, and announced, by another instance). Expired leases go with it, so
 * their sweep announces nothing a second time.
 */
export const releaseLease = new LuaScript(`${NOW}
redis.call('ZREM', KEYS[1], ARGV[2] .. ':' .. ARGV[1])
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[3], string.format('%d', now), 'PX', ARGV[3])
return now`);

/** KEYS: leases; ARGV: how many. Returns expired lease members, oldest first. */
export const expiredLeases = new LuaScript(`${NOW}
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))`);

/**
 * Claims one expired lease: whoever removes it from the leases set owns it,
 * so two sweepers never both announce. KEYS: leases, user, last-seen; ARGV:
 * lease member, its instance id, lease ms, ms to keep last-seen. Returns
 * when the user was last known there (the lease's last renewal) if that took
 * the user offline, else 0.
 */
export const claimLease = new LuaScript(`${NOW}
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry or tonumber(expiry) > now then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
local held = redis.call('ZSCORE', KEYS[2], ARGV[2])
if not held or tonumber(held) > now then return 0 end
local latest = 0
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES')
for i = 2, #expired, 2 do latest = math.max(latest, tonumber(expired[i])) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local lastSeen = latest - tonumber(ARGV[3])
redis.call('SET', KEYS[3], string.format('%d', lastSeen), 'PX', ARGV[4])
return lastSeen`);

/** KEYS: user, last-seen. Returns the last-seen ms, or 0 while a live lease exists or none is kept. */
export const lastSeenOf = new LuaScript(`${NOW}
if redis.call('ZCOUNT', KEYS[1], string.format('(%d', now), '+inf') > 0 then return 0 end
return tonumber(redis.call('GET', KEYS[2]) or 0)`);

/** Loads every script, so the first transitions after a (re)connection run by SHA at once. */
export async function loadScripts(client: RedisClient): Promise<void> {
  await Promise.all(
    [holdLeases, releaseLease, expiredLeases, claimLease, lastSeenOf].map((script) => script.load(client)),
  );
}
