import { describe, expectTypeOf, it } from 'vitest'
import type { ImbotApi } from '../../api.ts'

declare const api: ImbotApi

describe('classic message, command and app bindings', () => {
  it('api.message.add takes the documented params and resolves to the message id', () => {
    type Params = Parameters<ImbotApi['message']['add']>[0]
    expectTypeOf<Params['MESSAGE']>().toEqualTypeOf<string>()
    expectTypeOf<Params['DIALOG_ID']>().toEqualTypeOf<string | number | undefined>()
    expectTypeOf<Params['SYSTEM']>().toEqualTypeOf<'Y' | 'N' | boolean | undefined>()
    expectTypeOf(api.message.add).returns.resolves.toEqualTypeOf<number>()
    // @ts-expect-error MESSAGE is required
    void api.message.add({ DIALOG_ID: 'chat1' })
    // @ts-expect-error MESSAGE_ID is not a param of message.add
    void api.message.add({ DIALOG_ID: 'chat1', MESSAGE: 'hi', MESSAGE_ID: 1 })
  })

  it('api.message.update resolves to true', () => {
    expectTypeOf(api.message.update).returns.resolves.toEqualTypeOf<true>()
    expectTypeOf<Parameters<ImbotApi['message']['update']>[0]['MESSAGE']>().toEqualTypeOf<string | undefined>()
    // @ts-expect-error MESSAGE_ID is required
    void api.message.update({ MESSAGE: 'edited' })
  })

  it('api.command.register needs BOT_ID and resolves to the command id', () => {
    type Params = Parameters<ImbotApi['command']['register']>[0]
    expectTypeOf<Params['BOT_ID']>().toEqualTypeOf<number | string>()
    expectTypeOf<Params['LANG']>().toEqualTypeOf<{ LANGUAGE_ID: string; TITLE: string; PARAMS?: string | undefined }[]>()
    expectTypeOf(api.command.register).returns.resolves.toEqualTypeOf<number>()
    // @ts-expect-error BOT_ID is required (no fallback to the application's first bot)
    void api.command.register({
      COMMAND: 'echo',
      EVENT_COMMAND_ADD: 'https://bot.example.com/c',
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo' }],
    })
  })

  it('api.command.answer resolves to the message id or true', () => {
    expectTypeOf(api.command.answer).returns.resolves.toEqualTypeOf<number | true>()
    expectTypeOf<Parameters<ImbotApi['command']['answer']>[0]['COMMAND_ID']>().toEqualTypeOf<number | string | undefined>()
    // @ts-expect-error MESSAGE_ID is required
    void api.command.answer({ COMMAND_ID: 99, MESSAGE: 'ok' })
  })

  it('api.app.update takes its changes in FIELDS and resolves to true', () => {
    type Fields = Parameters<ImbotApi['app']['update']>[0]['FIELDS']
    expectTypeOf<Fields['JS_METHOD']>().toEqualTypeOf<'PUT' | 'SEND' | 'CALL' | 'SUPPORT' | undefined>()
    expectTypeOf(api.app.update).returns.resolves.toEqualTypeOf<true>()
    // @ts-expect-error the changes go in FIELDS, not at the top level
    void api.app.update({ APP_ID: 13, IFRAME: 'https://bot.example.com/app' })
  })
})
