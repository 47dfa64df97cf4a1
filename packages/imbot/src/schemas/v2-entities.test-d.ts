/**
 * The v2 entities are described twice: as `imbot.v2.*` results return them (`v2-entities.ts`,
 * `v2-messages.ts`) and as events carry them (`event-schemas/v2.ts`, which also decodes form bodies).
 * They cannot share one schema (the event side accepts `"1"`, `"Y"`, `""`… for every field), so this
 * file pins, entity by entity, the output types equal field by field, and names each intended
 * difference with its reference in the spec (imbot-v2.md). A field added to one side only fails here.
 */
import type * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import type { EventAuth } from '../event-schemas/auth.ts'
import type { V2EventBot, V2EventChat, V2EventCommand, V2EventMessage, V2EventUser, V2MessageForward } from '../event-schemas/v2.ts'
import type { v2BotSchema, v2ChatSchema, v2UserSchema } from './v2-entities.ts'
import type { v2CommandSchema, v2MessageSchema } from './v2-messages.ts'

type ResultBot = v.InferOutput<typeof v2BotSchema>
type ResultUser = v.InferOutput<typeof v2UserSchema>
type ResultChat = v.InferOutput<typeof v2ChatSchema>
type ResultMessage = v.InferOutput<typeof v2MessageSchema>
type ResultCommand = v.InferOutput<typeof v2CommandSchema>

/** The named fields of a loose object type, without its `[key: string]: unknown`. */
type Named<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] }
/** The named keys of a loose object type. */
type Keys<T> = keyof Named<T>
/** The value types of `K`, each required and without `undefined`: what a present field holds. */
type Values<T, K extends Keys<T>> = { [P in K]-?: Exclude<Named<T>[P], undefined> }
/** The named keys a value always has. */
type RequiredKeys<T> = { [K in Keys<T>]-?: object extends Pick<Named<T>, K> ? never : K }[Keys<T>]

describe('Bot (imbot-v2 §10.1)', () => {
  it('has the same fields in results and events, plus the webhook-only `auth` (§9.3: webhook `data.bot` is `{id, code, auth}`)', () => {
    expectTypeOf<Keys<V2EventBot>>().toEqualTypeOf<Keys<ResultBot> | 'auth'>()
    expectTypeOf<Values<V2EventBot, Keys<ResultBot>>>().toEqualTypeOf<Values<ResultBot, Keys<ResultBot>>>()
    expectTypeOf<V2EventBot['auth']>().toEqualTypeOf<EventAuth | undefined>()
  })

  it('requires only `id` and `code` on both sides (§9.3: the webhook bot has no other field)', () => {
    expectTypeOf<RequiredKeys<V2EventBot>>().toEqualTypeOf<'id' | 'code'>()
    expectTypeOf<RequiredKeys<ResultBot>>().toEqualTypeOf<'id' | 'code'>()
  })
})

describe('User (imbot-v2 §10.2)', () => {
  it('has the same fields, of the same types, in results and events', () => {
    expectTypeOf<Keys<V2EventUser>>().toEqualTypeOf<Keys<ResultUser>>()
    expectTypeOf<Values<V2EventUser, Keys<ResultUser>>>().toEqualTypeOf<Values<ResultUser, Keys<ResultUser>>>()
  })

  it('keeps `gender` as sent on both sides (documented `M`|`F`; another value is not refused)', () => {
    expectTypeOf<ResultUser['gender']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<V2EventUser['gender']>().toEqualTypeOf<string | undefined>()
  })

  it('always has `departments` and `phones` in events: a form body cannot tell `[]`/`false` from missing (§9.3)', () => {
    expectTypeOf<RequiredKeys<V2EventUser>>().toEqualTypeOf<'id' | 'departments' | 'phones'>()
    // §10.2: "Method responses often return a reduced User (`id, active, name, bot, type`)".
    expectTypeOf<RequiredKeys<ResultUser>>().toEqualTypeOf<'id'>()
  })
})

describe('Chat (imbot-v2 §10.3)', () => {
  /** §10.3 "Response-only"; §9.5: "In events the Chat object never has `role`, `muteList` or the response-only fields." */
  type ResponseOnly =
    | 'role'
    | 'muteList'
    | 'dateCreate'
    | 'lastMessageId'
    | 'lastId'
    | 'managerList'
    | 'messageCount'
    | 'userCounter'
    | 'unreadId'
    | 'lastMessageViews'
    | 'markedId'
    | 'public'

  it('has the "event + response" fields on both sides, the response-only ones in results only', () => {
    expectTypeOf<Keys<V2EventChat>>().toEqualTypeOf<Exclude<Keys<ResultChat>, ResponseOnly>>()
    expectTypeOf<Values<V2EventChat, Keys<V2EventChat>>>().toEqualTypeOf<Values<ResultChat, Keys<V2EventChat>>>()
  })

  it('always has `entityLink` and `permissions` in events: a form body cannot tell `{}` from missing (§9.3)', () => {
    expectTypeOf<RequiredKeys<V2EventChat>>().toEqualTypeOf<'id' | 'dialogId' | 'entityLink' | 'permissions'>()
    expectTypeOf<RequiredKeys<ResultChat>>().toEqualTypeOf<'id' | 'dialogId'>()
  })
})

describe('Message (imbot-v2 §10.4)', () => {
  /** §10.4: "response-only `unread` boolean, `viewed` boolean". */
  type ResponseOnly = 'unread' | 'viewed'
  type Shared = Exclude<Keys<V2EventMessage>, 'forward'>

  it('has the same fields, of the same types, in results and events; `unread` and `viewed` in results only', () => {
    expectTypeOf<Keys<V2EventMessage>>().toEqualTypeOf<Exclude<Keys<ResultMessage>, ResponseOnly>>()
    expectTypeOf<Values<V2EventMessage, Shared>>().toEqualTypeOf<Values<ResultMessage, Shared>>()
  })

  it('reads `uuid` as a string or `null`, and `forward.id` as an id or a context string, on both sides', () => {
    expectTypeOf<ResultMessage['uuid']>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<V2EventMessage['uuid']>().toEqualTypeOf<string | null | undefined>()
    type ResultForward = Exclude<ResultMessage['forward'], null | undefined>
    expectTypeOf<Keys<ResultForward>>().toEqualTypeOf<Keys<V2MessageForward>>()
    expectTypeOf<Values<V2MessageForward, Keys<V2MessageForward>>>().toEqualTypeOf<Values<ResultForward, Keys<V2MessageForward>>>()
    expectTypeOf<V2MessageForward['id']>().toEqualTypeOf<string | number | undefined>()
  })

  it('always has `date`, `forward` and `params` in events (`null`, `null`, `{}` when the form body left them out)', () => {
    expectTypeOf<RequiredKeys<V2EventMessage>>().toEqualTypeOf<'id' | 'chatId' | 'authorId' | 'date' | 'text' | 'forward' | 'params'>()
    expectTypeOf<RequiredKeys<ResultMessage>>().toEqualTypeOf<'id' | 'chatId' | 'authorId' | 'text'>()
  })
})

describe('Command (imbot-v2 §10.6, §9.5 ONIMBOTV2COMMANDADD)', () => {
  it('is another object in events: the invocation `{ id, command, params, context }`, not the registered Command', () => {
    expectTypeOf<Values<V2EventCommand, 'id' | 'command' | 'params'>>().toEqualTypeOf<Values<ResultCommand, 'id' | 'command' | 'params'>>()
    // §9.5: `context` is textarea, keyboard or menu; §10.6: `Command.list`'s `context` is an undocumented string ("" in the example).
    expectTypeOf<V2EventCommand['context']>().toEqualTypeOf<'textarea' | 'keyboard' | 'menu'>()
    expectTypeOf<ResultCommand['context']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Exclude<Keys<ResultCommand>, Keys<V2EventCommand>>>().toEqualTypeOf<
      'botId' | 'common' | 'hidden' | 'extranetSupport' | 'title' | 'category'
    >()
  })
})
