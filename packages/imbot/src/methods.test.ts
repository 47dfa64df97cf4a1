import { readdirSync, readFileSync } from 'node:fs'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import methodNames from '@b24bot/spec-fixtures/method-names.json' with { type: 'json' }
import { fixturesDir } from '@b24bot/spec-fixtures'
import { expectInvalid } from '../test/expect-invalid.ts'
import { methods } from './methods.ts'

interface Example {
  readonly method: string
  readonly params: unknown
  readonly response: { readonly result: unknown }
}

const fixtureDir = fixturesDir
const examples = ['examples', 'examples-v2'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, fixtureDir))
    .filter((file) => file.endsWith('.json') && file !== 'batch.json')
    .map((file) => [`${folder}/${file}`, JSON.parse(readFileSync(new URL(`${folder}/${file}`, fixtureDir), 'utf8')) as Example] as const),
)
const table: Readonly<Record<string, (typeof methods)[keyof typeof methods]>> = methods

describe('the methods table', () => {
  it('binds exactly the 67 methods of the spec', () => {
    expect(Object.keys(methods).sort()).toEqual([...methodNames].sort())
    expect(methodNames).toHaveLength(67)
  })

  it.each(Object.values(table))('$method refuses an unknown param before any request', async (descriptor) => {
    await expectInvalid(descriptor, { NOT_A_PARAM: 1 }, 'NOT_A_PARAM')
  })

  it('binds these 67 methods by name (a dropped or renamed method fails here)', () => {
    expect(Object.keys(methods).sort()).toEqual([
      'im.v2.Event.get',
      'im.v2.Event.subscribe',
      'im.v2.Event.unsubscribe',
      'im.v2.File.download',
      'im.v2.File.upload',
      'imbot.app.register',
      'imbot.app.unregister',
      'imbot.app.update',
      'imbot.bot.list',
      'imbot.chat.add',
      'imbot.chat.get',
      'imbot.chat.leave',
      'imbot.chat.sendTyping',
      'imbot.chat.setManager',
      'imbot.chat.setOwner',
      'imbot.chat.updateAvatar',
      'imbot.chat.updateColor',
      'imbot.chat.updateTitle',
      'imbot.chat.user.add',
      'imbot.chat.user.delete',
      'imbot.chat.user.list',
      'imbot.command.answer',
      'imbot.command.register',
      'imbot.command.unregister',
      'imbot.command.update',
      'imbot.dialog.get',
      'imbot.message.add',
      'imbot.message.delete',
      'imbot.message.like',
      'imbot.message.update',
      'imbot.register',
      'imbot.unregister',
      'imbot.update',
      'imbot.v2.Bot.get',
      'imbot.v2.Bot.list',
      'imbot.v2.Bot.register',
      'imbot.v2.Bot.unregister',
      'imbot.v2.Bot.update',
      'imbot.v2.Chat.InputAction.notify',
      'imbot.v2.Chat.Manager.add',
      'imbot.v2.Chat.Manager.delete',
      'imbot.v2.Chat.Message.Reaction.add',
      'imbot.v2.Chat.Message.Reaction.delete',
      'imbot.v2.Chat.Message.delete',
      'imbot.v2.Chat.Message.get',
      'imbot.v2.Chat.Message.getContext',
      'imbot.v2.Chat.Message.read',
      'imbot.v2.Chat.Message.send',
      'imbot.v2.Chat.Message.update',
      'imbot.v2.Chat.TextField.enabled',
      'imbot.v2.Chat.User.add',
      'imbot.v2.Chat.User.delete',
      'imbot.v2.Chat.User.list',
      'imbot.v2.Chat.add',
      'imbot.v2.Chat.get',
      'imbot.v2.Chat.leave',
      'imbot.v2.Chat.setOwner',
      'imbot.v2.Chat.update',
      'imbot.v2.Command.answer',
      'imbot.v2.Command.list',
      'imbot.v2.Command.register',
      'imbot.v2.Command.unregister',
      'imbot.v2.Command.update',
      'imbot.v2.Event.get',
      'imbot.v2.File.download',
      'imbot.v2.File.upload',
      'imbot.v2.Revision.get',
    ])
  })
})

describe('safe to repeat', () => {
  it('marks reads, idempotent registrations and set-to-a-value calls, and nothing that errors or acts twice', () => {
    const safe = Object.values(methods)
      .filter((descriptor) => descriptor.idempotent === true)
      .map((descriptor) => descriptor.method)
      .sort()
    expect(safe).toEqual(
      [
        'im.v2.Event.get',
        'im.v2.Event.subscribe',
        'im.v2.Event.unsubscribe',
        'im.v2.File.download',
        'imbot.bot.list',
        'imbot.chat.get',
        'imbot.chat.sendTyping',
        'imbot.chat.updateAvatar',
        'imbot.chat.updateColor',
        'imbot.chat.updateTitle',
        'imbot.chat.user.list',
        'imbot.dialog.get',
        'imbot.register',
        'imbot.v2.Bot.get',
        'imbot.v2.Bot.list',
        'imbot.v2.Bot.register',
        'imbot.v2.Chat.InputAction.notify',
        'imbot.v2.Chat.Message.get',
        'imbot.v2.Chat.Message.getContext',
        'imbot.v2.Chat.Message.read',
        'imbot.v2.Chat.TextField.enabled',
        'imbot.v2.Chat.User.list',
        'imbot.v2.Chat.get',
        'imbot.v2.Command.list',
        'imbot.v2.Event.get',
        'imbot.v2.File.download',
        'imbot.v2.Revision.get',
      ].sort(),
    )
  })
})

describe('fixture replay', () => {
  it.each(examples)('%s: the request passes the params schema and the response parses', (_file, example) => {
    const descriptor = table[example.method]
    if (!descriptor) throw new Error(`no descriptor for ${example.method}`)
    const params = v.safeParse(descriptor.params, example.params)
    expect(params.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([])
    const result = v.safeParse(descriptor.result, example.response.result)
    expect(result.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([])
  })
})
