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
