import { encodeForm, type FormInput } from '@b24bot/core'
import type { PortalClock } from '../model/clock.ts'
import { phpDate } from '../views/php-date.ts'

/*
 * How events leave the portal (server-behavior §3.3): a POST to a handler URL, or an entry in a fetch
 * queue (`imbot.v2.Event.get`, `im.v2.Event.get`); after the triggering response, once, without retries;
 * with scripted faults (drop, delay) for tests.
 */

/** One event on its way to a bot: a POST to a handler, or an entry in a fetch queue. */
export interface EventDelivery {
  /** `ONIMBOTMESSAGEADD`, `ONIMBOTV2JOINCHAT`, ... */
  readonly event: string
  /** The bots it is for (a classic POST can carry several bots of one app). */
  readonly botIds: readonly number[]
  /** `'webhook'`: POSTed to `url`; `'fetch'`: queued for `imbot.v2.Event.get`. */
  readonly mode: 'webhook' | 'fetch'
  /** The handler URL it is POSTed to; `''` for a queued event. */
  readonly url: string
  /** What is sent, before encoding: the POST's `{event, event_handler_id, data, ts, auth}`, or the queued `{eventId, type, date, data}`. */
  readonly payload: Readonly<Record<string, unknown>> | QueuedEvent
  /** `held` until the triggering response is sent; then `sending`, and `delivered`, `failed`, `dropped` or `queued`. */
  state: 'held' | 'delayed' | 'sending' | 'delivered' | 'failed' | 'dropped' | 'queued'
  /** The handler's HTTP status, once it answered. */
  status?: number
  /** Why a POST failed (connection refused, timeout...). */
  error?: string
}

/** A fault for the next matching deliveries: drop them, or hold them back a while. */
export interface EventFault {
  /** Only this event (e.g. `'ONIMBOTMESSAGEADD'`). Default: any. */
  readonly event?: string
  /** How many deliveries. Default 1. */
  readonly times?: number
  /** Lose it: never POSTed, never queued, as when the queue server fails. */
  readonly drop?: boolean
  /** Deliver it this much later. */
  readonly delayMs?: number
}

/** An entry of a fetch queue, as `imbot.v2.Event.get` and `im.v2.Event.get` answer it. */
export interface QueuedEvent {
  /** Its id in the queue, counting up from 1; the `offset` that acknowledges it is this + 1. */
  readonly eventId: number
  /** The event name, such as `ONIMBOTV2MESSAGEADD`. */
  readonly type: string
  /** When it was queued, on the portal clock, as PHP's `date('c')` writes it (`2024-05-01T12:00:00+00:00`). */
  readonly date: string
  /** The event's payload, the same as a POST's `data`. */
  readonly data: Readonly<Record<string, unknown>>
}

/** What a queue read answers. */
export interface QueueRead {
  /** Up to `limit` events, oldest first. */
  readonly events: readonly QueuedEvent[]
  /** The `offset` for the next read, which acknowledges the events returned. */
  readonly nextOffset: number
  /** Whether more events are waiting beyond `limit`. */
  readonly hasMore: boolean
}

/** A fetch queue: a bot's (`imbot.v2.Event.get`) or a subscribed user's (`im.v2.Event.get`). */
export type QueueOwner = { readonly botId: number } | { readonly userId: number }

/** A delivery not yet made, with the fetch queue it goes to (none for a POST). */
interface Pending {
  readonly delivery: EventDelivery
  readonly queue?: string
}

/** The queue server's socket timeout (`Client::HTTP_SOCKET_TIMEOUT`): a slower handler loses the event. */
const DELIVERY_TIMEOUT_MS = 15_000
/** im.v2 user events are kept 24 hours. */
const USER_EVENT_TTL_MS = 24 * 3600 * 1000

function queueKey(owner: QueueOwner): string {
  return 'botId' in owner ? `bot${String(owner.botId)}` : `user${String(owner.userId)}`
}

/** Sends events out: POSTs them, or queues them for fetching; holds them until responses are sent; applies faults. */
export class EventDeliveries {
  /** Every delivery, in the order the events happened. */
  readonly deliveries: EventDelivery[] = []
  readonly #clock: PortalClock
  readonly #faults: (EventFault & { remaining: number })[] = []
  readonly #queues: Map<string, QueuedEvent[]> = new Map()
  readonly #handlerIds: Map<string, number> = new Map()
  readonly #held: Pending[] = []
  readonly #timers: Set<ReturnType<typeof setTimeout>> = new Set()
  readonly #waiters: (() => void)[] = []
  readonly #closing: AbortController = new AbortController()
  #holds = 0
  #inFlight = 0
  #nextEventId = 1

  constructor(clock: PortalClock) {
    this.#clock = clock
  }

  /**
   * POSTs an event to a handler URL: `{event, event_handler_id, data, ts, auth}`, form-encoded.
   * `handlerKey` names the handler binding; each new one gets the next `event_handler_id`.
   */
  post(event: string, botIds: readonly number[], url: string, handlerKey: string, data: unknown, auth: Record<string, unknown>): void {
    let handlerId = this.#handlerIds.get(handlerKey)
    if (handlerId === undefined) {
      handlerId = this.#handlerIds.size + 1
      this.#handlerIds.set(handlerKey, handlerId)
    }
    const payload = { event, event_handler_id: handlerId, data, ts: this.#clock.seconds(), auth }
    this.#deliver({ event, botIds, mode: 'webhook', url, payload, state: 'held' })
  }

  /** Queues an event for a bot's or a user's fetch loop, with the next event id. */
  enqueue(owner: QueueOwner, type: string, data: Record<string, unknown>): void {
    const payload: QueuedEvent = { eventId: this.#nextEventId++, type, date: phpDate(new Date(this.#clock.now())), data }
    const botIds = 'botId' in owner ? [owner.botId] : []
    this.#deliver({ event: type, botIds, mode: 'fetch', url: '', payload, state: 'held' }, queueKey(owner))
  }

  /**
   * Reads queues the way `Event.get` does (imbot-v2 §9.2): `offset` first acknowledges (deletes) every
   * event with `eventId < offset`; then up to `limit` events, oldest first; `nextOffset` is the last
   * returned id + 1 (or, with nothing to return, `offset`, else the id the next event will get).
   */
  readQueues(queues: readonly QueueOwner[], offset: number | undefined, limit: number): QueueRead {
    const cutoff = this.#clock.now() - USER_EVENT_TTL_MS
    const lists = queues.map((queue) => {
      const key = queueKey(queue)
      const kept = (this.#queues.get(key) ?? []).filter(
        (event) => (offset === undefined || event.eventId >= offset) && ('botId' in queue || Date.parse(event.date) >= cutoff),
      )
      this.#queues.set(key, kept)
      return kept
    })
    const pending = lists.flat().sort((a, b) => a.eventId - b.eventId)
    const events = pending.slice(0, limit)
    const last = events.at(-1)
    return { events, nextOffset: last ? last.eventId + 1 : (offset ?? this.#nextEventId), hasMore: pending.length > events.length }
  }

  /** Drops or delays the next matching deliveries; returns a function that cancels the fault. */
  fault(fault: EventFault): () => void {
    const entry = { ...fault, remaining: fault.times ?? 1 }
    this.#faults.push(entry)
    return () => {
      const index = this.#faults.indexOf(entry)
      if (index !== -1) this.#faults.splice(index, 1)
    }
  }

  /** Holds deliveries until the returned function is called. */
  hold(): () => void {
    this.#holds += 1
    let released = false
    return () => {
      if (released) return
      released = true
      this.#holds -= 1
      if (this.#holds === 0) for (const delivery of this.#held.splice(0)) this.#dispatch(delivery)
    }
  }

  /** Resolves once no delivery is held, delayed or in flight. */
  settled(): Promise<void> {
    if (this.#busy() === 0) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Aborts deliveries in flight and pending delays. */
  close(): void {
    this.#closing.abort()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#held.splice(0)
    this.#inFlight = 0
    this.#wake()
  }

  #deliver(delivery: EventDelivery, queue?: string): void {
    this.deliveries.push(delivery)
    const pending: Pending = queue === undefined ? { delivery } : { delivery, queue }
    if (this.#holds > 0) this.#held.push(pending)
    else this.#dispatch(pending)
  }

  #busy(): number {
    return this.#held.length + this.#timers.size + this.#inFlight
  }

  #wake(): void {
    if (this.#busy() > 0) return
    for (const resolve of this.#waiters.splice(0)) resolve()
  }

  #takeFault(event: string): EventFault | undefined {
    const index = this.#faults.findIndex((fault) => fault.event === undefined || fault.event === event)
    const fault = this.#faults[index]
    if (!fault) return undefined
    fault.remaining -= 1
    if (fault.remaining <= 0) this.#faults.splice(index, 1)
    return fault
  }

  #dispatch(pending: Pending): void {
    const { delivery } = pending
    const fault = this.#takeFault(delivery.event)
    if (fault?.drop) {
      delivery.state = 'dropped'
      this.#wake()
      return
    }
    if (fault?.delayMs !== undefined && fault.delayMs > 0) {
      delivery.state = 'delayed'
      const timer = setTimeout(() => {
        this.#timers.delete(timer)
        this.#send(pending)
      }, fault.delayMs)
      this.#timers.add(timer)
      return
    }
    this.#send(pending)
  }

  #send({ delivery, queue }: Pending): void {
    if (queue !== undefined) {
      this.#queues.set(queue, [...(this.#queues.get(queue) ?? []), delivery.payload as QueuedEvent])
      delivery.state = 'queued'
      this.#wake()
      return
    }
    delivery.state = 'sending'
    this.#inFlight += 1
    const signal = AbortSignal.any([AbortSignal.timeout(DELIVERY_TIMEOUT_MS), this.#closing.signal])
    fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Bitrix24 Webhook Engine' },
      body: encodeForm(delivery.payload as Readonly<Record<string, FormInput>>),
      signal,
    })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined)
        delivery.status = response.status
        delivery.state = response.ok ? 'delivered' : 'failed'
      })
      .catch((error: unknown) => {
        delivery.state = 'failed'
        delivery.error = error instanceof Error ? error.message : String(error)
      })
      .finally(() => {
        if (this.#closing.signal.aborted) return
        this.#inFlight -= 1
        this.#wake()
      })
  }
}
