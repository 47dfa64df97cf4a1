import { ApiError, backoff, ValidationError, type MethodResult } from '@b24bot/core'
import { decodeEvent, imbotV2EventGet, type ImbotEvent } from '@b24bot/imbot'
import type { BaseClient, Client } from '@b24bot/transport'
import type { EventSource } from './event-source.ts'
import { factsOf } from './facts.ts'
import { memoryOffsetStore, type OffsetStore, type PollLease } from './offset-store.ts'

/** What {@link startPolling} takes: the bot to poll for, how to call the portal, and how to pace and stop. */
export interface PollingOptions {
  /**
   * The client authorised as the bot's owner: the webhook of the app that registered it with the bot's
   * token (`createClient({ webhookUrl, use: [botIdentity({ botToken })] })`), or that app's OAuth client. It reads the
   * queue and is the client of every event's context (`ctx.client`). Only the app that registered the bot can poll it.
   */
  readonly client: Client | BaseClient
  /** The bot whose queue is read (`result.bot.id` of `imbot.v2.Bot.register`; `eventMode: 'fetch'`). */
  readonly botId: number
  /** Stops the runner: after the event being handled, never in the middle of a handler. */
  readonly signal?: AbortSignal
  /**
   * Where the offset is kept between runs. Default: {@link memoryOffsetStore} (a restart re-delivers what was not acknowledged).
   * A store with `acquire` (`redisOffsetStore` of `@b24bot/redis` for several replicas) also decides which
   * runner polls: only the one holding the lease (see `leaseTtl`).
   */
  readonly offsets?: OffsetStore
  /**
   * The portal (e.g. its domain), for the offset key (`portal|botId`) when one store serves bots of
   * several portals, and for the session keys of its events (polled events do not name their portal).
   * Give it whenever one process polls bots of several portals. Default `''`.
   */
  readonly portal?: string
  /** Events per `Event.get`, 1 to 1000. Default: the server's (100). */
  readonly limit?: number
  /** Also read the calling user's `ONIMV2*` events (needs scope `im` and `im.v2.Event.subscribe`). Default `false`. */
  readonly withUserEvents?: boolean
  /** Milliseconds to wait after a poll that drained the queue (the portal asks for 5 to 30 s). Default 5 000. */
  readonly idleDelay?: number
  /** Milliseconds to wait after a poll that answered `hasMore` (the portal asks for at least 2 s). Default 2 000. */
  readonly busyDelay?: number
  /** The first wait after a failed poll, in milliseconds; it doubles per failure in a row. Default 2 000. */
  readonly retryDelay?: number
  /** The longest wait after failed polls, in milliseconds. Default 60 000. */
  readonly maxRetryDelay?: number
  /**
   * With a store that gives out leases (`offsets.acquire`): how long, in milliseconds, a runner's hold on
   * polling lasts unless renewed (it renews every third of it, and before each poll). A replica that dies
   * without letting go is replaced within this plus `idleDelay`; a longer one means fewer renewals, a
   * shorter one a faster takeover. Default 15 000.
   */
  readonly leaseTtl?: number
  /** Stop on the first SIGTERM or SIGINT while running (a second one gets the default behaviour). Default `true` where `process` exists. */
  readonly stopOnSignals?: boolean
  /** Gets what went wrong without stopping the runner: failed polls, events that do not decode, offsets not saved. Default: `console`. */
  readonly onError?: (error: unknown, info: PollingErrorInfo) => void
}

/** What {@link PollingOptions.onError} is told besides the error. */
export interface PollingErrorInfo {
  /**
   * `'poll'`: `Event.get` failed and is tried again after `retryIn` ms. `'store'`: the offset could not
   * be saved (tried again before the next poll, which waits for it), or read after the lease was taken
   * (tried again after `retryIn` ms). `'decode'`: an event did not decode (`eventId`); it is skipped.
   * `'handle'`: `bot.handle` itself failed (not a handler: those go to `bot.catch`). `'lease'`: the store
   * could not take, renew or release the lease (`offsets.acquire`); with `retryIn`, tried again then
   * (no poll goes out before a renew says the lease is still held).
   */
  readonly stage: 'poll' | 'store' | 'decode' | 'handle' | 'lease'
  /** For `'poll'`, `'lease'` and `'store'` before a poll: failures in a row so far. */
  readonly failures?: number
  /** For `'poll'`, `'lease'` and `'store'` before a poll: milliseconds until the next try. */
  readonly retryIn?: number
  /** For `'decode'` and `'handle'`, and `'store'` when an event's session store failed: the event's queue id. */
  readonly eventId?: number
}

/** What the runner needs of a bot: the error-bounded `handle` of `Bot`. */
export interface PollingTarget {
  /** `false` when the event could not be handled now (its session store failed): it is kept and handled again. */
  handle(event: ImbotEvent, source: EventSource): Promise<boolean>
}

/**
 * Errors another poll cannot cure: the runner stops with them. `BOT_NOT_FOUND` (the bot was deleted),
 * the wrong owner or token, missing scopes or subscription, a webhook that no longer exists.
 */
const fatalCodes: ReadonlySet<string> = new Set([
  'BOT_NOT_FOUND',
  'BOT_OWNERSHIP_ERROR',
  'BOT_TOKEN_NOT_SPECIFIED',
  'BOT_ID_REQUIRED',
  'SCOPE_ERROR',
  'USER_NOT_SUBSCRIBED',
  'insufficient_scope',
  'NO_AUTH_FOUND',
  'INVALID_CREDENTIALS',
])

/** The error `startPolling` rejects with for a fatal one, or `undefined` when polling again may help. */
function fatal(error: unknown, botId: number): Error | undefined {
  if (ValidationError.isInstance(error)) return new Error(`b24bot: cannot poll bot ${String(botId)}: ${error.message}`, { cause: error })
  if (!ApiError.isInstance(error) || !fatalCodes.has(error.code)) return undefined
  const hint =
    error.code === 'BOT_NOT_FOUND'
      ? 'it no longer exists on the portal (deleted?); register it again (imbot.v2.Bot.register is idempotent by code)'
      : error.code === 'BOT_OWNERSHIP_ERROR'
        ? 'it belongs to another app, or the botToken is wrong; only the app that registered a bot can read its events'
        : `the portal refused with ${error.code}: ${error.description}`
  return new Error(`b24bot: stopped polling bot ${String(botId)}: ${hint}`, { cause: error })
}

function defaultOnError(error: unknown, info: PollingErrorInfo): void {
  if (info.stage === 'decode') console.warn(`b24bot: skipped event ${String(info.eventId)}, which does not decode`, error)
  else if (info.retryIn !== undefined)
    console.error(
      `b24bot: polling failed (${info.stage}, ${String(info.failures)} in a row), trying again in ${String(info.retryIn)} ms`,
      error,
    )
  else console.error(`b24bot: polling trouble (${info.stage})`, error)
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/** Calls `stop` on the first SIGTERM or SIGINT, then lets later ones do what they would. Returns the cleanup. */
function onTermination(stop: () => void): () => void {
  const host = (globalThis as { process?: NodeJS.Process }).process
  if (typeof host?.once !== 'function') return () => undefined
  const detach = (): void => {
    host.off('SIGTERM', handler)
    host.off('SIGINT', handler)
  }
  const handler = (): void => {
    detach()
    stop()
  }
  host.once('SIGTERM', handler)
  host.once('SIGINT', handler)
  return detach
}

function milliseconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} is a number of milliseconds, not ${String(value)}`)
  return value
}

/** The longest delay timers take (a longer one fires at once). */
const maxTimerDelay = 2 ** 31 - 1

/** A runner's turn at polling: while `held()`, it may poll and commit offsets. */
interface Tenure {
  /** Aborts once the runner stops or the lease is lost: cuts a poll or a wait short. */
  readonly signal: AbortSignal
  /** Whether the lease is still the runner's, as far as it knows (not lost, and confirmed within its ttl). */
  held(): boolean
  /** Renews the lease now (sharing a renewal in flight): `false` once it is lost. Rejects when the store cannot say. */
  renew(): Promise<boolean>
  /** Stops renewing; lets go of the lease unless it was lost. Never rejects. */
  end(): Promise<void>
}

/** The turn of a runner whose store gives out no leases: it lasts until the runner stops. */
function solo(halt: AbortSignal): Tenure {
  return { signal: halt, held: () => true, renew: () => Promise.resolve(true), end: () => Promise.resolve() }
}

/**
 * Holds `lease` for a runner: renews it every third of `ttl`, and counts it lost as soon as a renewal
 * says `false`, or when none has confirmed it for a whole `ttl` (the store was unreachable: it has
 * lapsed there by now). A renewal that fails is reported; the one before each poll decides.
 */
function hold(lease: PollLease, ttl: number, halt: AbortSignal, report: (error: unknown, info: PollingErrorInfo) => void): Tenure {
  const turn = new AbortController()
  /** Lost: the runner may not poll on. Taken: a renewal said so (another runner holds it: nothing to let go). */
  let lost = false
  let taken = false
  let ended = false
  /** When the last renewal that said `true` was asked for (a lease is extended from about then). */
  let confirmed = Date.now()
  let renewing: Promise<boolean> | undefined
  const lose = (): void => {
    lost = true
    turn.abort(new Error('b24bot: the polling lease was lost'))
  }
  const cut = (): void => {
    turn.abort(halt.reason)
  }
  halt.addEventListener('abort', cut, { once: true })
  const held = (): boolean => {
    if (!lost && Date.now() - confirmed >= ttl) lose()
    return !lost
  }
  const renew = (): Promise<boolean> => {
    renewing ??= (async () => {
      try {
        const asked = Date.now()
        const kept = await lease.renew()
        if (!kept) {
          taken = true
          lose()
        } else if (!lost) confirmed = asked
        return held()
      } finally {
        renewing = undefined
      }
    })()
    return renewing
  }
  const timer = setInterval(
    () => {
      renew().catch((error: unknown) => {
        report(error, { stage: 'lease' })
      })
    },
    Math.min(ttl / 3, maxTimerDelay),
  )
  return {
    signal: turn.signal,
    held,
    renew,
    end: async () => {
      clearInterval(timer)
      halt.removeEventListener('abort', cut)
      if (ended) return
      ended = true
      lost = true
      turn.abort()
      if (taken) return
      try {
        await lease.release()
      } catch (error) {
        report(error, { stage: 'lease' })
      }
    },
  }
}

/**
 * Runs a fetch-mode bot (`eventMode: 'fetch'`): reads its queue with `imbot.v2.Event.get`, runs each
 * event through `bot.handle` in order, and acknowledges only what was handled (decision 030). Resolves
 * once stopped; rejects when polling cannot go on (`BOT_NOT_FOUND`, the wrong owner or token) or a
 * store without leases cannot be read at start (a store with leases is read, and tried again, at each takeover).
 *
 * - The offset starts from `offsets` (the first run sends none). After each event it moves to
 *   `eventId + 1` and is saved, and after a whole batch to the batch's `nextOffset`; the next poll
 *   sends it, which is when the portal deletes what is below it. A crash therefore re-delivers at most
 *   the event being handled: dedupe by `ctx.event.eventId` where doing a thing twice matters.
 * - A handler that throws has still handled its event (the error goes to `bot.catch`) and the next event
 *   runs; an event that does not decode is reported to `onError` and skipped. Neither blocks the queue.
 * - Waits `busyDelay` after `hasMore`, `idleDelay` after a drained queue, and backs off exponentially
 *   (`retryDelay` to `maxRetryDelay`) while polls fail (network, 5xx, 429/503 past the client's own retries).
 * - Stops after the current event when `signal` aborts (or on SIGTERM/SIGINT), on the bot's own
 *   `ONIMBOTV2DELETE`, and saves the offset before resolving.
 * - Several replicas: when `offsets` has `acquire` (`memoryOffsetStore()` in one process,
 *   `redisOffsetStore()` of `@b24bot/redis` across processes), the runner polls only while it holds the
 *   bot's lease. It tries `acquire(key, leaseTtl)`; without the lease it waits `idleDelay` (or `leaseTtl`
 *   when shorter) and tries again. Holding it, it reads the offset from the store (so a takeover starts
 *   from the last committed offset), renews the lease every third of `leaseTtl` and before each poll,
 *   and as soon as a renewal says `false` (the lease lapsed and another replica took it) it stops after
 *   the current event, commits nothing more, and goes back to acquiring. Stopping releases the lease
 *   after saving the offset, so another replica takes over within `idleDelay`; one that dies without
 *   releasing it is replaced within `leaseTtl` plus `idleDelay`. A store without `acquire`
 *   (`fileOffsetStore`) is for one process: every runner given it polls.
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 * import { botIdentity } from '@b24bot/imbot'
 * import { createBot, startPolling } from '@b24bot/bot'
 * import { fileOffsetStore } from '@b24bot/bot/node'
 * import { redisOffsetStore } from '@b24bot/redis'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL!, use: [botIdentity({ botToken: process.env.B24_BOT_TOKEN! })] })
 * const bot = createBot()
 * bot.on('ONIMBOTV2MESSAGEADD', (ctx) => ctx.reply(`You said: ${ctx.text}`))
 * await startPolling(bot, { client, botId: 42, offsets: fileOffsetStore('./data/offsets.json') })
 *
 * // On each of several replicas: one polls at a time, another takes over when it stops or dies.
 * await startPolling(bot, { client, botId: 42, offsets: redisOffsetStore({ url: process.env.REDIS_URL! }), leaseTtl: 15_000 })
 * ```
 */
export async function startPolling(bot: PollingTarget, options: PollingOptions): Promise<void> {
  const { client, botId, signal } = options
  const idleDelay = milliseconds(options.idleDelay, 5_000, 'idleDelay')
  const busyDelay = milliseconds(options.busyDelay, 2_000, 'busyDelay')
  const retryDelay = milliseconds(options.retryDelay, 2_000, 'retryDelay')
  const maxRetryDelay = milliseconds(options.maxRetryDelay, 60_000, 'maxRetryDelay')
  const leaseTtl = milliseconds(options.leaseTtl, 15_000, 'leaseTtl')
  if (leaseTtl === 0) throw new RangeError('leaseTtl is a positive number of milliseconds, not 0')
  const store = options.offsets ?? memoryOffsetStore()
  const key = `${options.portal ?? ''}|${String(botId)}`
  const report = options.onError ?? defaultOnError
  const source: EventSource = { client, ...(options.portal === undefined ? {} : { portal: options.portal }) }
  if (signal?.aborted) return
  /** Every event below `committed` was handled; `saved` is what the store holds. */
  let committed: number | undefined
  let saved: number | undefined
  const acquire = store.acquire?.bind(store)
  // Without leases, read once at start (and a store that cannot be read stops the runner at once).
  if (!acquire) {
    committed = await store.get(key)
    saved = committed
  }

  const halt = new AbortController()
  const stop = (): void => {
    halt.abort(signal?.reason)
  }
  /** A function, not a property read, so that no check is narrowed away across an `await`. */
  const stopped = (): boolean => halt.signal.aborted
  signal?.addEventListener('abort', stop, { once: true })
  // Aborted while the store was read.
  if (signal?.aborted) stop()
  const detach = options.stopOnSignals === false ? () => undefined : onTermination(stop)

  const persist = async (): Promise<void> => {
    if (committed === undefined || committed === saved) return
    const offset = committed
    await store.set(key, offset)
    saved = offset
  }
  const advance = (offset: number): void => {
    if (committed === undefined || offset > committed) committed = offset
  }

  /**
   * Takes the lease (waiting while another replica holds it, backing off while the store fails), then
   * reads the offset the last holder committed. `undefined` once stopped.
   */
  const takeOver = async (take: NonNullable<OffsetStore['acquire']>): Promise<Tenure | undefined> => {
    let failures = 0
    while (!stopped()) {
      let stage: 'lease' | 'store' = 'lease'
      let tenure: Tenure | undefined
      try {
        const lease = await take(key, leaseTtl)
        if (!lease) {
          failures = 0
          await pause(Math.min(idleDelay, leaseTtl), halt.signal)
          continue
        }
        tenure = hold(lease, leaseTtl, halt.signal, report)
        stage = 'store'
        committed = await store.get(key)
        saved = committed
        return tenure
      } catch (error) {
        await tenure?.end()
        failures += 1
        const retryIn = backoff(failures, { baseDelay: retryDelay, maxDelay: maxRetryDelay })
        report(error, { stage, failures, retryIn })
        await pause(retryIn, halt.signal)
      }
    }
    return undefined
  }

  /** Polls and handles while `tenure` holds: `'lost'` when the lease went to another runner, `'done'` when the runner stops. */
  const pollWhileHeld = async (tenure: Tenure): Promise<'lost' | 'done'> => {
    let failures = 0
    /** Tries in a row that found an event's session store failing. */
    let unhandled = 0
    while (!stopped()) {
      let batch: MethodResult<typeof imbotV2EventGet>
      let stage: 'lease' | 'store' | 'poll' = 'lease'
      try {
        // Still ours: another runner may have taken it while this one waited.
        if (!(await tenure.renew())) return 'lost'
        stage = 'store'
        // Saved before it is sent: the portal forgets what is below it as soon as it reads it.
        await persist()
        stage = 'poll'
        batch = await client.call(
          imbotV2EventGet,
          {
            botId,
            ...(committed === undefined ? {} : { offset: committed }),
            ...(options.limit === undefined ? {} : { limit: options.limit }),
            ...(options.withUserEvents === undefined ? {} : { withUserEvents: options.withUserEvents }),
          },
          { signal: tenure.signal },
        )
      } catch (error) {
        if (stopped()) break
        if (!tenure.held()) return 'lost'
        const stopping = stage === 'poll' ? fatal(error, botId) : undefined
        if (stopping) throw stopping
        failures += 1
        const retryIn = backoff(failures, { baseDelay: retryDelay, maxDelay: maxRetryDelay })
        report(error, { stage, failures, retryIn })
        await pause(retryIn, tenure.signal)
        continue
      }
      failures = 0

      let deleted = false
      /** An event whose session store failed: not acknowledged, handled again after a pause. */
      let kept: number | undefined
      for (const item of batch.events) {
        if (stopped()) return 'done'
        // Lost while the last event was handled: the new holder reads the store from here on.
        if (!tenure.held()) return 'lost'
        // Already handled (a server that re-sends what the offset acknowledged).
        if (committed !== undefined && item.eventId < committed) continue
        let event: ImbotEvent | undefined
        try {
          event = decodeEvent(item)
        } catch (error) {
          report(error, { stage: 'decode', eventId: item.eventId })
        }
        if (event) {
          let handled = true
          try {
            handled = await bot.handle(event, { ...source, eventId: item.eventId })
          } catch (error) {
            report(error, { stage: 'handle', eventId: item.eventId })
          }
          if (!handled) {
            kept = item.eventId
            break
          }
          deleted = event.event === 'ONIMBOTV2DELETE' && factsOf(event).botId === botId
        }
        advance(item.eventId + 1)
        // A runner that lost the lease commits nothing: the new holder's offset may be ahead already.
        if (!tenure.held()) return 'lost'
        try {
          await persist()
        } catch (error) {
          // Tried again before the next poll, which does not go out until it works.
          report(error, { stage: 'store', eventId: item.eventId })
        }
        if (deleted) return 'done'
      }
      if (kept !== undefined) {
        // Its session store failed (the error went to bot.catch): polled again from it after a pause.
        unhandled += 1
        const retryIn = backoff(unhandled, { baseDelay: retryDelay, maxDelay: maxRetryDelay })
        report(
          new Error(`b24bot: event ${String(kept)} could not be handled now (its session store failed); it is kept and handled again`),
          { stage: 'store', eventId: kept, failures: unhandled, retryIn },
        )
        await pause(retryIn, tenure.signal)
        continue
      }
      unhandled = 0
      // The whole batch was handled: `nextOffset` acknowledges it, with anything the server skipped.
      if (batch.nextOffset > (committed ?? 0)) advance(batch.nextOffset)
      await pause(batch.hasMore ? busyDelay : idleDelay, tenure.signal)
    }
    return 'done'
  }

  let tenure: Tenure | undefined
  try {
    while (!stopped()) {
      tenure = acquire ? await takeOver(acquire) : solo(halt.signal)
      if (!tenure || (await pollWhileHeld(tenure)) === 'done') break
      await tenure.end()
      tenure = undefined
    }
  } finally {
    // Stopping, or failing for good: what was handled stays handled (by the lease's holder only).
    if (tenure?.held()) {
      try {
        await persist()
      } catch (error) {
        report(error, { stage: 'store' })
      }
    }
    await tenure?.end()
    detach()
    signal?.removeEventListener('abort', stop)
  }
}
