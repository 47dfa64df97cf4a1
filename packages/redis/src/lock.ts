import { randomUUID } from 'node:crypto'
import { script, type Connection, type Script } from './connection.ts'

/*
 * The lock every store uses: a key set with `SET key holder NX PX ttl`, where `holder` is a random token only its
 * taker knows. It lapses by itself `ttl` ms after it was taken or last extended, so a holder that dies frees it;
 * extending and letting go compare the token first (one Lua script each), so nobody extends or deletes a lock that
 * lapsed and another holder took since.
 */

/** Deletes the key only while it still holds this holder's token. Answers 1 when it did. */
const compareAndDelete: Script = script(
  'unlock',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
)

/** Extends the key by ARGV[2] ms only while it still holds this holder's token. Answers 1 when it did. */
const compareAndExpire: Script = script(
  'extend',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  1,
)

/** A random token that names one holder of a lock. */
export function newHolder(): string {
  return randomUUID()
}

/** Takes the lock `key` for `holder` for `ttl` ms when nobody holds it: whether it was taken. */
export async function tryLock(
  connection: Connection,
  operation: string,
  key: string,
  holder: string,
  ttl: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const answer = await connection.run(operation, (redis) => redis.set(key, holder, 'PX', ttl, 'NX'), signal)
  return answer === 'OK'
}

/** Extends `holder`'s lock `key` to `ttl` ms from now: whether it still held it. */
export async function extendLock(connection: Connection, operation: string, key: string, holder: string, ttl: number): Promise<boolean> {
  return (await connection.eval(operation, compareAndExpire, [key], [holder, ttl])) === 1
}

/** Lets go of `holder`'s lock `key`; a lock that lapsed and was taken by another holder stays theirs. */
export async function unlock(connection: Connection, operation: string, key: string, holder: string): Promise<void> {
  await connection.eval(operation, compareAndDelete, [key], [holder])
}

/** Checks a lock or lease time to live: a whole number of milliseconds, at least 1. */
export function checkTtl(name: string, ttl: number): number {
  if (!Number.isFinite(ttl) || ttl <= 0) throw new RangeError(`${name} must be a positive number of milliseconds; got ${String(ttl)}`)
  return Math.ceil(ttl)
}
