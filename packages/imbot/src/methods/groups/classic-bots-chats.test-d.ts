import { describe, expectTypeOf, it } from 'vitest'
import type { ImbotApi } from '../../api.ts'
import type { CLASSIC_COLORS } from '../../schemas/classic-bots.ts'

declare const api: ImbotApi

describe('classic bots and chats: binding types', () => {
  it('api.register takes the handlers and a nested PROPERTIES, and resolves to the bot id', () => {
    type Params = Parameters<ImbotApi['register']>[0]
    expectTypeOf<Params['CODE']>().toEqualTypeOf<string>()
    expectTypeOf<Params['TYPE']>().toEqualTypeOf<'B' | 'O' | 'H' | 'S' | undefined>()
    expectTypeOf<Params['OPENLINE']>().toEqualTypeOf<'Y' | 'N' | boolean | undefined>()
    expectTypeOf<Params['PROPERTIES']['PERSONAL_GENDER']>().toEqualTypeOf<'M' | 'F' | undefined>()
    expectTypeOf<Params['PROPERTIES']['COLOR']>().toEqualTypeOf<(typeof CLASSIC_COLORS)[number] | undefined>()
    expectTypeOf(api.register).returns.resolves.toEqualTypeOf<number>()
    // @ts-expect-error PROPERTIES is required
    void api.register({ CODE: 'support', EVENT_HANDLER: 'https://bot.example.com/events' })
    // @ts-expect-error ORANGE is not a colour the portal accepts
    void api.register({ CODE: 'support', EVENT_HANDLER: 'https://bot.example.com/events', PROPERTIES: { NAME: 'A', COLOR: 'ORANGE' } })
  })

  it('api.bot.list needs no params and resolves to a record of bots keyed by id', () => {
    expectTypeOf(api.bot.list).toBeCallableWith()
    type Bots = Awaited<ReturnType<ImbotApi['bot']['list']>>
    expectTypeOf<keyof Bots>().toEqualTypeOf<number>()
    expectTypeOf<Bots[number]['ID']>().toEqualTypeOf<number>()
    expectTypeOf<Bots[number]['OPENLINE']>().toEqualTypeOf<'Y' | 'N'>()
  })

  it('api.chat.setManager takes CHAT_ID or DIALOG_ID and a required USER_ID; resolves to true', () => {
    type Params = Parameters<ImbotApi['chat']['setManager']>[0]
    expectTypeOf<Params['CHAT_ID']>().toEqualTypeOf<number | string | undefined>()
    expectTypeOf<Params['DIALOG_ID']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Params['USER_ID']>().toEqualTypeOf<number | string>()
    expectTypeOf(api.chat.setManager).returns.resolves.toEqualTypeOf<true>()
    // @ts-expect-error USER_ID is required
    void api.chat.setManager({ CHAT_ID: 2725 })
  })

  it('api.chat.user.list resolves to numbers; api.dialog.get to a chat with a numeric id', () => {
    expectTypeOf(api.chat.user.list).returns.resolves.toEqualTypeOf<number[]>()
    type Chat = Awaited<ReturnType<ImbotApi['dialog']['get']>>
    expectTypeOf<Chat['id']>().toEqualTypeOf<number>()
    expectTypeOf<Chat['manager_list']>().toEqualTypeOf<number[] | undefined>()
    // @ts-expect-error DIALOG_ID is required
    void api.dialog.get({})
  })
})
