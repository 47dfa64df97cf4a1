import type { EventAuth } from './event-schemas/auth.ts'
import { eventTable, type EventDelivery, type EventDescriptorData } from './event-table.ts'
import { onAppInstall } from './events/on-app-install.ts'
import { onAppUninstall } from './events/on-app-uninstall.ts'
import { onAppUpdate } from './events/on-app-update.ts'
import { onImCommandAdd } from './events/on-im-command-add.ts'
import { onImV2JoinChat } from './events/on-im-v2-join-chat.ts'
import { onImV2MessageAdd } from './events/on-im-v2-message-add.ts'
import { onImV2MessageDelete } from './events/on-im-v2-message-delete.ts'
import { onImV2MessageUpdate } from './events/on-im-v2-message-update.ts'
import { onImV2ReactionChange } from './events/on-im-v2-reaction-change.ts'
import { onImbotContextGet } from './events/on-imbot-context-get.ts'
import { onImbotDelete } from './events/on-imbot-delete.ts'
import { onImbotJoinChat } from './events/on-imbot-join-chat.ts'
import { onImbotMessageAdd } from './events/on-imbot-message-add.ts'
import { onImbotMessageDelete } from './events/on-imbot-message-delete.ts'
import { onImbotMessageUpdate } from './events/on-imbot-message-update.ts'
import { onImbotV2CommandAdd } from './events/on-imbot-v2-command-add.ts'
import { onImbotV2ContextGet } from './events/on-imbot-v2-context-get.ts'
import { onImbotV2Delete } from './events/on-imbot-v2-delete.ts'
import { onImbotV2JoinChat } from './events/on-imbot-v2-join-chat.ts'
import { onImbotV2MessageAdd } from './events/on-imbot-v2-message-add.ts'
import { onImbotV2MessageDelete } from './events/on-imbot-v2-message-delete.ts'
import { onImbotV2MessageUpdate } from './events/on-imbot-v2-message-update.ts'
import { onImbotV2ReactionChange } from './events/on-imbot-v2-reaction-change.ts'

/**
 * Every Bitrix24 bot event (the spec's 22, and the classic `ONIMBOTCONTEXTGET`), keyed by its exact name: classic `ONIMBOT*` and `ONIMCOMMANDADD`,
 * application `ONAPP*`, v2 `ONIMBOTV2*` and the user's `ONIMV2*`. `decodeEvent` decodes with it.
 *
 * @example
 * ```ts
 * import { events } from '@b24bot/imbot'
 *
 * events.ONIMBOTMESSAGEADD.deliveries // ['webhook']
 * Object.keys(events).length // 23
 * ```
 */
export const events = eventTable([
  onImbotMessageAdd,
  onImbotMessageUpdate,
  onImbotMessageDelete,
  onImbotJoinChat,
  onImbotDelete,
  onImCommandAdd,
  onImbotContextGet,
  onAppInstall,
  onAppUpdate,
  onAppUninstall,
  onImbotV2MessageAdd,
  onImbotV2MessageUpdate,
  onImbotV2MessageDelete,
  onImbotV2JoinChat,
  onImbotV2Delete,
  onImbotV2ContextGet,
  onImbotV2CommandAdd,
  onImbotV2ReactionChange,
  onImV2MessageAdd,
  onImV2MessageUpdate,
  onImV2MessageDelete,
  onImV2ReactionChange,
  onImV2JoinChat,
])

/** The type of the {@link events} table. */
export type Events = typeof events

/**
 * The name of a known event.
 *
 * @example
 * ```ts
 * import type { EventName } from '@b24bot/imbot'
 *
 * const wanted: EventName[] = ['ONIMBOTV2MESSAGEADD', 'ONIMBOTV2COMMANDADD']
 * ```
 */
export type EventName = keyof Events

/**
 * The typed `data` of an event.
 *
 * @example
 * ```ts
 * import type { EventData } from '@b24bot/imbot'
 *
 * function reply(data: EventData<'ONIMBOTV2MESSAGEADD'>) {
 *   return data.chat.dialogId
 * }
 * ```
 */
export type EventData<Name extends EventName> = EventDescriptorData<Events[Name]>

/**
 * A decoded event: its name, its typed `data`, and what the delivery carried around it. One shape for
 * both deliveries; the fields of the other delivery are absent.
 *
 * @example
 * ```ts
 * import type { TypedEvent } from '@b24bot/imbot'
 *
 * const event: TypedEvent<'ONIMBOTDELETE', { BOT_ID: number }> = { event: 'ONIMBOTDELETE', delivery: 'webhook', data: { BOT_ID: 5 } }
 * ```
 */
export interface TypedEvent<Name extends string, Data> {
  /** The event name, upper-case. */
  readonly event: Name
  /** The payload, typed. */
  readonly data: Data
  /** `webhook`: a POSTed body (`ts`, `handlerId`, `auth`); `fetch`: an item of `imbot.v2.Event.get` / `im.v2.Event.get` (`eventId`, `date`). */
  readonly delivery: EventDelivery
  /** Webhook: when the event left the queue, in Unix seconds. */
  readonly ts?: number
  /** Webhook: the id of the handler binding (`event_handler_id`). */
  readonly handlerId?: number
  /** Webhook: who caused the event, and `application_token`, the proof of origin. */
  readonly auth?: EventAuth
  /** Fetch: the queue id; acknowledge with `offset = nextOffset`, de-duplicate by it. */
  readonly eventId?: number
  /** Fetch: when the event happened, ISO 8601. */
  readonly date?: string
}

/**
 * The decoded event of one name.
 *
 * @example
 * ```ts
 * import type { EventOf } from '@b24bot/imbot'
 *
 * async function onCommand(event: EventOf<'ONIMBOTV2COMMANDADD'>) {
 *   console.log(event.data.command.command, event.data.command.params)
 * }
 * ```
 */
export type EventOf<Name extends EventName> = TypedEvent<Name, EventData<Name>>

/**
 * Any decoded event: a union of the 23, discriminated by `event`.
 *
 * @example
 * ```ts
 * import type { ImbotEvent } from '@b24bot/imbot'
 *
 * function handle(event: ImbotEvent) {
 *   switch (event.event) {
 *     case 'ONIMBOTV2MESSAGEADD':
 *       return event.data.message.text
 *     case 'ONIMBOTMESSAGEADD':
 *       return event.data.PARAMS.MESSAGE
 *     default:
 *       return undefined
 *   }
 * }
 * ```
 */
export type ImbotEvent = { [Name in EventName]: EventOf<Name> }[EventName]
