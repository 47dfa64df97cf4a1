import type { CallOptions } from '@b24bot/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { ImbotApi } from '../../api.ts'

declare const api: ImbotApi

describe('api.v2.Bot.register types', () => {
  it('takes nested fields and resolves to { bot, users } with numeric ids', () => {
    expectTypeOf(api.v2.Bot.register).parameter(0).toHaveProperty('fields').toHaveProperty('code').toEqualTypeOf<string>()
    expectTypeOf(api.v2.Bot.register)
      .parameter(0)
      .toHaveProperty('fields')
      .toHaveProperty('eventMode')
      .toEqualTypeOf<'fetch' | 'webhook' | undefined>()
    expectTypeOf(api.v2.Bot.register).parameter(1).toEqualTypeOf<CallOptions | undefined>()
    expectTypeOf(api.v2.Bot.register).returns.resolves.toHaveProperty('bot').toHaveProperty('id').toEqualTypeOf<number>()
    expectTypeOf(api.v2.Bot.register).returns.resolves.toHaveProperty('users').items.toHaveProperty('id').toEqualTypeOf<number>()
  })

  it('refuses a registration without a code or a name', () => {
    // @ts-expect-error fields.code is required
    void api.v2.Bot.register({ fields: { properties: { name: 'Bot' } } })
    // @ts-expect-error fields.properties.name is required
    void api.v2.Bot.register({ fields: { code: 'bot', properties: {} } })
  })
})

describe('api.v2.Chat.get types', () => {
  it('resolves to { chat } with the quirks normalized', () => {
    expectTypeOf(api.v2.Chat.get).parameter(0).toHaveProperty('botId').toEqualTypeOf<number | string>()
    expectTypeOf(api.v2.Chat.get).returns.resolves.toHaveProperty('chat').toHaveProperty('id').toEqualTypeOf<number>()
    expectTypeOf(api.v2.Chat.get)
      .returns.resolves.toHaveProperty('chat')
      .toHaveProperty('textFieldEnabled')
      .toEqualTypeOf<boolean | undefined>()
    expectTypeOf(api.v2.Chat.get)
      .returns.resolves.toHaveProperty('chat')
      .toHaveProperty('parentChatId')
      .toEqualTypeOf<number | null | undefined>()
  })

  it('refuses a call without dialogId', () => {
    // @ts-expect-error dialogId is required
    void api.v2.Chat.get({ botId: 456 })
  })
})

describe('api.v2.Chat.User.list types', () => {
  it('resolves to a bare array of users', () => {
    expectTypeOf(api.v2.Chat.User.list).parameter(0).toHaveProperty('limit').toEqualTypeOf<number | undefined>()
    expectTypeOf(api.v2.Chat.User.list).returns.resolves.toBeArray()
    expectTypeOf(api.v2.Chat.User.list).returns.resolves.items.toHaveProperty('id').toEqualTypeOf<number>()
  })

  it('refuses a call without botId', () => {
    // @ts-expect-error botId is required
    void api.v2.Chat.User.list({ dialogId: 'chat5' })
  })
})

describe('api.v2.Chat.leave and InputAction.notify types', () => {
  it('resolve v2 actions to a boolean', () => {
    expectTypeOf(api.v2.Chat.leave).returns.resolves.toEqualTypeOf<boolean>()
    expectTypeOf(api.v2.Chat.InputAction.notify).returns.resolves.toEqualTypeOf<boolean>()
    expectTypeOf(api.v2.Chat.InputAction.notify)
      .parameter(0)
      .toHaveProperty('statusMessageCode')
      .extract<'IMBOT_AGENT_ACTION_THINKING'>()
      .toEqualTypeOf<'IMBOT_AGENT_ACTION_THINKING'>()
  })

  it('refuse a status that is not a documented code', () => {
    // @ts-expect-error statusMessageCode is an enum
    void api.v2.Chat.InputAction.notify({ botId: 456, dialogId: 'chat5', statusMessageCode: 'THINKING' })
  })
})
