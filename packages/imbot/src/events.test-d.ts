import { describe, expectTypeOf, it } from 'vitest'
import {
  decodeEvent,
  events,
  type ClassicBotEntry,
  type ClassicEventUser,
  type EventData,
  type EventName,
  type EventOf,
  type ImbotEvent,
  type OnImbotDeleteData,
  type OnImbotMessageAddData,
  type OnImbotV2MessageAddData,
  type V2EventBot,
  type V2EventChat,
  type V2EventMessage,
  type V2EventUser,
} from './index.ts'

declare const event: ImbotEvent

describe('event types', () => {
  it('decodeEvent returns the union of the 22, narrowed by `event`', () => {
    expectTypeOf(decodeEvent).returns.toEqualTypeOf<ImbotEvent>()
    expectTypeOf<EventName>().toEqualTypeOf<keyof typeof events>()
    expectTypeOf(event.event).toEqualTypeOf<EventName>()
    if (event.event === 'ONIMBOTMESSAGEADD') {
      expectTypeOf(event).toEqualTypeOf<EventOf<'ONIMBOTMESSAGEADD'>>()
      expectTypeOf(event.data).toEqualTypeOf<OnImbotMessageAddData>()
      expectTypeOf(event.data.PARAMS.MESSAGE_ID).toEqualTypeOf<number>()
      expectTypeOf(event.data.PARAMS.SYSTEM).toEqualTypeOf<'Y' | 'N' | undefined>()
      expectTypeOf(event.data.BOT).toEqualTypeOf<Record<number, ClassicBotEntry>>()
      expectTypeOf(event.data.USER).toEqualTypeOf<ClassicEventUser | null>()
      expectTypeOf(event.data.PARAMS.MENTIONED_LIST).toEqualTypeOf<Record<number, number>>()
    }
    if (event.event === 'ONIMBOTV2MESSAGEADD') {
      expectTypeOf(event.data).toEqualTypeOf<OnImbotV2MessageAddData>()
      expectTypeOf(event.data.bot).toEqualTypeOf<V2EventBot>()
      expectTypeOf(event.data.message).toEqualTypeOf<V2EventMessage>()
      expectTypeOf(event.data.message.text).toEqualTypeOf<string>()
      expectTypeOf(event.data.message.date).toEqualTypeOf<string | null>()
      expectTypeOf(event.data.chat).toEqualTypeOf<V2EventChat>()
      expectTypeOf(event.data.user).toEqualTypeOf<V2EventUser | null>()
      expectTypeOf(event.data.user?.departments).toEqualTypeOf<number[] | undefined>()
    }
    if (event.event === 'ONIMBOTV2COMMANDADD') {
      expectTypeOf(event.data.command.context).toEqualTypeOf<'textarea' | 'keyboard' | 'menu'>()
      // A command event has no documented messageId: only the `unknown` of kept extra fields.
      expectTypeOf(event.data.messageId).toEqualTypeOf<unknown>()
    }
    if (event.event === 'ONIMBOTDELETE') expectTypeOf(event.data).toEqualTypeOf<OnImbotDeleteData>()
    if (event.event === 'ONAPPUNINSTALL') expectTypeOf(event.data.CLEAN).toEqualTypeOf<boolean>()
  })

  it('the envelope is one shape for both deliveries', () => {
    expectTypeOf(event.delivery).toEqualTypeOf<'webhook' | 'fetch'>()
    expectTypeOf(event.ts).toEqualTypeOf<number | undefined>()
    expectTypeOf(event.eventId).toEqualTypeOf<number | undefined>()
    expectTypeOf(event.date).toEqualTypeOf<string | undefined>()
    expectTypeOf(event.handlerId).toEqualTypeOf<number | undefined>()
    expectTypeOf(event.auth?.application_token).toEqualTypeOf<string | undefined>()
  })

  it('data types come from the descriptors', () => {
    expectTypeOf<EventData<'ONIMBOTV2MESSAGEADD'>>().toEqualTypeOf<OnImbotV2MessageAddData>()
    expectTypeOf<EventData<'ONIMV2JOINCHAT'>>().toHaveProperty('dialogId').toEqualTypeOf<string>()
    // Extra fields are kept, so an undocumented key is `unknown`, never a documented type.
    expectTypeOf<EventData<'ONIMV2JOINCHAT'>['bot']>().toEqualTypeOf<unknown>()
    expectTypeOf<EventData<'ONIMBOTV2DELETE'>>().toHaveProperty('bot').toEqualTypeOf<V2EventBot>()
    expectTypeOf(events.ONIMCOMMANDADD.event).toEqualTypeOf<'ONIMCOMMANDADD'>()
  })
})
