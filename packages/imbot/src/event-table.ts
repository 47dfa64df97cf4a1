import type * as v from 'valibot'

/** How an event reaches a handler: POSTed as a form body (`webhook`), or polled with `*.Event.get` (`fetch`). */
export type EventDelivery = 'webhook' | 'fetch'

/** Which family an event belongs to: classic bots, application lifecycle, v2 bots, or a user's im.v2 stream. */
export type EventGeneration = 'classic' | 'app' | 'v2' | 'user'

/**
 * One Bitrix24 event as data: its exact name, its family, how it can be delivered, and the schema
 * that turns its `data` (from either delivery) into the typed object. The `events` table is a record
 * of these, like `methods`.
 *
 * @example
 * ```ts
 * import { events } from '@b24bot/imbot'
 * import * as v from 'valibot'
 *
 * declare const rawData: unknown // the event's `data`, as delivered
 * const descriptor = events.ONIMBOTV2JOINCHAT
 * descriptor.deliveries // ['fetch', 'webhook']
 * v.parse(descriptor.data, rawData) // the typed data
 * ```
 */
export interface EventDescriptor<Name extends string = string, Data = unknown> {
  /** The exact event name, upper-case, as the `event` field (or a fetched item's `type`) carries it. */
  readonly event: Name
  /** `classic` (`ONIMBOT*`, `ONIMCOMMANDADD`), `app` (`ONAPP*`), `v2` (`ONIMBOTV2*`) or `user` (`ONIMV2*`). */
  readonly generation: EventGeneration
  /** How it can arrive. Classic and app events are pushed only; im.v2 user events are polled only. */
  readonly deliveries: readonly EventDelivery[]
  /** The official documentation page. */
  readonly docs: string
  /** Decodes the event's `data`, as either delivery spells it, into the typed object. */
  readonly data: v.GenericSchema<unknown, Data>
}

/** The typed `data` of a descriptor. */
export type EventDescriptorData<D extends EventDescriptor> = D extends EventDescriptor<string, infer Data> ? Data : never

/**
 * Declares an event descriptor. Returns it frozen, with its name kept as a literal type.
 *
 * @example
 * ```ts
 * import { defineEvent } from '@b24bot/imbot'
 * import * as v from 'valibot'
 *
 * export const onImbotDelete = defineEvent({
 *   event: 'ONIMBOTDELETE',
 *   generation: 'classic',
 *   deliveries: ['webhook'],
 *   docs: 'https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/events/on-imbot-delete.html',
 *   data: v.looseObject({ BOT_ID: v.string(), BOT_CODE: v.string() }),
 * })
 * ```
 */
export function defineEvent<const Name extends string, Data>(descriptor: EventDescriptor<Name, Data>): EventDescriptor<Name, Data> {
  return Object.freeze({
    event: descriptor.event,
    generation: descriptor.generation,
    deliveries: Object.freeze([...descriptor.deliveries]),
    docs: descriptor.docs,
    data: descriptor.data,
  })
}

/** A table of event descriptors keyed by their exact names. */
export type EventTable<List extends readonly EventDescriptor[]> = {
  readonly [D in List[number] as D['event']]: D
}

/**
 * Builds an event table from a list of descriptors, keyed by each one's `event`, so a key can never
 * disagree with its descriptor; a name described twice throws.
 *
 * @example
 * ```ts
 * import { events, eventTable } from '@b24bot/imbot'
 *
 * const table = eventTable([events.ONIMBOTDELETE]) // { ONIMBOTDELETE: events.ONIMBOTDELETE }
 * ```
 */
export function eventTable<const List extends readonly EventDescriptor[]>(list: List): EventTable<List> {
  const table: Record<string, EventDescriptor> = {}
  for (const descriptor of list) {
    if (Object.hasOwn(table, descriptor.event)) throw new Error(`${descriptor.event} is described twice`)
    table[descriptor.event] = descriptor
  }
  return Object.freeze(table) as EventTable<List>
}
