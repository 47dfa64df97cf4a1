import { toIssues, type Issue } from '@b24bot/core'
import * as v from 'valibot'
import { EventDecodeError } from './event-decode-error.ts'
import { eventAuthSchema, type EventAuth } from './event-schemas/auth.ts'
import { compileSchema, MISMATCH, type CompiledSchema } from './event-schemas/compile.ts'
import { wireCount, wireId, wireString } from './event-schemas/wire.ts'
import type { EventDelivery, EventDescriptor } from './event-table.ts'
import { events, type ImbotEvent } from './events.ts'

/** Keys that would reach an object's prototype: dropped wherever they appear (decision 007). */
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Deeper input is refused; a form body nests at most 65 levels (decision 007), a cycle forever. */
const MAX_DEPTH = 100

/** A value PHP's form encoder would leave out. */
const DROP: unique symbol = Symbol('drop')

class ShapeError extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
  ) {
    super(message)
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A copy of the input as a PHP form body would carry it, except that scalars keep their types: keys
 * naming `__proto__`, `constructor` or `prototype` are dropped at every level; empty lists and objects
 * are left out (a list that lost items becomes an object keyed by the remaining indexes, as PHP's
 * encoder makes it); `null` is left out for classic and app events and becomes `""` for v2 and user
 * events (imbot-v2 §3); Dates become ISO strings, bigints decimal strings. After this, a fetched item
 * and the same event POSTed as a form body differ only in the types of their scalars, which the
 * schemas coerce (decision 028).
 */
function phpShape(value: unknown, nulls: 'drop' | 'empty', path: (string | number)[]): unknown {
  if (value === null) return nulls === 'drop' ? DROP : ''
  if (value === undefined) return DROP
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      if (!Number.isFinite(value)) throw new ShapeError(path, 'is not a finite number')
      return value
    case 'bigint':
      return value.toString()
    case 'object':
      break
    default:
      throw new ShapeError(path, `is not a JSON value (${typeof value})`)
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ShapeError(path, 'is an invalid Date')
    return value.toISOString()
  }
  if (path.length >= MAX_DEPTH) throw new ShapeError(path, `is nested deeper than ${String(MAX_DEPTH)} levels`)
  if (Array.isArray(value)) {
    const entries: [number, unknown][] = []
    for (const [index, item] of (value as unknown[]).entries()) {
      const shaped = phpShape(item, nulls, [...path, index])
      if (shaped !== DROP) entries.push([index, shaped])
    }
    if (entries.length === 0) return DROP
    if (entries.length === value.length) return entries.map(([, item]) => item)
    return Object.fromEntries(entries.map(([index, item]) => [String(index), item]))
  }
  if (!isPlainObject(value)) throw new ShapeError(path, 'is not a plain object')
  const entries: [string, unknown][] = []
  for (const key of Object.keys(value)) {
    if (forbiddenKeys.has(key)) continue
    const shaped = phpShape(value[key], nulls, [...path, key])
    if (shaped !== DROP) entries.push([key, shaped])
  }
  return entries.length === 0 ? DROP : Object.fromEntries(entries)
}

/**
 * Whether `phpShape` would give back `value` itself, unchanged: strings, booleans and finite numbers,
 * in non-empty lists without holes and non-empty plain objects without prototype keys, no deeper than
 * `MAX_DEPTH`. A form body decoded by `decodeForm` always is one, so it is not copied again.
 */
function isPhpShaped(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object':
      break
    default:
      return false
  }
  if (value === null || depth >= MAX_DEPTH) return false
  if (Array.isArray(value)) {
    const items = value as unknown[]
    if (items.length === 0) return false
    for (let index = 0; index < items.length; index++) if (!(index in items) || !isPhpShaped(items[index], depth + 1)) return false
    return true
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  const record = value as Record<string, unknown>
  let empty = true
  for (const key in record) {
    if (!Object.hasOwn(record, key) || forbiddenKeys.has(key) || !isPhpShaped(record[key], depth + 1)) return false
    empty = false
  }
  return !empty
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${String(key)}]` : index === 0 ? key : `.${key}`)).join('')
}

/** A pushed body: `{ event, event_handler_id, data, ts, auth }`. */
function webhookSchema(descriptor: EventDescriptor) {
  return v.looseObject({
    event: v.string(),
    data: v.optional(descriptor.data, {}),
    event_handler_id: v.exactOptional(wireCount),
    ts: v.exactOptional(wireCount),
    auth: v.exactOptional(eventAuthSchema),
  })
}

/** A polled item: `{ eventId, type, date, data }`. */
function fetchSchema(descriptor: EventDescriptor) {
  return v.looseObject({
    type: v.string(),
    data: v.optional(descriptor.data, {}),
    eventId: v.exactOptional(wireId),
    date: v.exactOptional(wireString),
  })
}

/** The envelope schemas of one event, each with its compiled fast path. */
interface Envelope {
  readonly schema: v.GenericSchema
  readonly run: CompiledSchema
}

const envelopes: Map<EventDescriptor, { readonly webhook: Envelope; readonly fetch: Envelope }> = new Map()

function envelope(schema: v.GenericSchema): Envelope {
  return { schema, run: compileSchema(schema) }
}

/** The envelopes of an event, built and compiled on first use. */
function envelopeOf(descriptor: EventDescriptor) {
  let schemas = envelopes.get(descriptor)
  if (!schemas) {
    schemas = { webhook: envelope(webhookSchema(descriptor)), fetch: envelope(fetchSchema(descriptor)) }
    envelopes.set(descriptor, schemas)
  }
  return schemas
}

/** An event name in an error message: short, and printable. */
function shown(name: string): string {
  const text = JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name)
  return text
}

function invalid(issues: Issue[], received: unknown, event?: string): EventDecodeError {
  return new EventDecodeError({ code: 'INVALID_EVENT', event, issues, received })
}

/**
 * Decodes one incoming event into its typed form: a pushed body already parsed from the form
 * (`decodeForm`) or from JSON (`{ event, event_handler_id, data, ts, auth }`), or an item of
 * `imbot.v2.Event.get` / `im.v2.Event.get` (`{ eventId, type, date, data }`). Both give the same
 * object for the same event: ids and counts as numbers, flags typed, `null` where the wire says
 * nothing, lists and maps always present. Fields a newer portal adds are kept (the event may share
 * them with the input, not copies). Keys naming `__proto__`, `constructor` or `prototype` are dropped
 * at every level. A body read by a parser that makes lists of numbered bracket keys (`qs`, as
 * `express.urlencoded({ extended: true })` uses it) decodes the same: a list where a map keyed by id
 * belongs (`data[BOT]`, `data[COMMAND]`, `MENTIONED_LIST`, `BOT_IN_CHAT`, `FILES`) is keyed again by
 * each entry's own id.
 *
 * @throws {EventDecodeError} `UNKNOWN_EVENT` for an event name no descriptor knows; `INVALID_EVENT`
 *   when the input is not an event or a field does not match, with the path of each bad field.
 *
 * @example
 * ```ts
 * import { decodeForm } from '@b24bot/core'
 * import { decodeEvent } from '@b24bot/imbot'
 *
 * async function intake(request: Request) {
 *   const event = decodeEvent(decodeForm(await request.text()))
 *   if (event.event === 'ONIMBOTV2MESSAGEADD') console.log(event.data.bot.id, event.data.message.text)
 * }
 *
 * const { events: items } = await api.v2.Event.get({ botId: 42, offset: 0 })
 * for (const item of items) console.log(decodeEvent(item).event)
 * ```
 */
export function decodeEvent(input: unknown): ImbotEvent {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid([{ path: '', message: 'Expected an event object: { event, data, ts, auth } or { eventId, type, date, data }' }], input)
  }
  const record = input as Record<string, unknown>
  const delivery: EventDelivery = Object.hasOwn(record, 'event') || !Object.hasOwn(record, 'type') ? 'webhook' : 'fetch'
  const nameKey = delivery === 'webhook' ? 'event' : 'type'
  const name = record[nameKey]
  if (typeof name !== 'string') {
    const message = name === undefined ? 'is required (an event name)' : 'Expected an event name'
    throw invalid([{ path: nameKey, message }], input)
  }
  const canonical = name.toUpperCase()
  const descriptor: EventDescriptor | undefined = Object.hasOwn(events, canonical)
    ? (events as Record<string, EventDescriptor>)[canonical]
    : undefined
  if (!descriptor) {
    throw new EventDecodeError({
      code: 'UNKNOWN_EVENT',
      event: name,
      issues: [{ path: nameKey, message: `${shown(name)} is not a known event` }],
      received: input,
    })
  }

  let shaped: unknown = input
  try {
    if (!isPhpShaped(input, 0))
      shaped = phpShape(input, descriptor.generation === 'v2' || descriptor.generation === 'user' ? 'empty' : 'drop', [])
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error
    throw invalid([{ path: pathText(error.path), message: error.message }], input, descriptor.event)
  }

  const envelopes = envelopeOf(descriptor)
  const { schema, run } = delivery === 'webhook' ? envelopes.webhook : envelopes.fetch
  const value = shaped === DROP ? {} : shaped
  // The compiled schema gives valibot's output for a valid event; valibot runs only for an invalid one, for its issues.
  let output = run(value) as Record<string, unknown> | typeof MISMATCH
  if (output === MISMATCH) {
    const parsed = v.safeParse(schema, value)
    if (!parsed.success) throw invalid(toIssues(parsed.issues), input, descriptor.event)
    output = parsed.output as Record<string, unknown>
  }
  const ts = output.ts as number | undefined
  const handlerId = output.event_handler_id as number | undefined
  const auth = output.auth as EventAuth | undefined
  const eventId = output.eventId as number | undefined
  const date = output.date as string | undefined
  return {
    event: descriptor.event,
    delivery,
    data: output.data,
    ...(ts === undefined ? {} : { ts }),
    ...(handlerId === undefined ? {} : { handlerId }),
    ...(auth === undefined ? {} : { auth }),
    ...(eventId === undefined ? {} : { eventId }),
    ...(date === undefined ? {} : { date }),
  } as ImbotEvent
}
