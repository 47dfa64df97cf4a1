import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import commandRegisterExample from '@b24bot/spec-fixtures/examples/imbot.command.register.json' with { type: 'json' }
import { paramsOf, pathsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotCommandRegister } from './imbot.command.register.ts'

const lang = [{ LANGUAGE_ID: 'en', TITLE: 'Echo', PARAMS: 'text' }]

describe('imbot.command.register', () => {
  it('sends the documented example, and drops a leading slash from COMMAND', () => {
    expect(paramsOf(imbotCommandRegister, commandRegisterExample.params).success).toBe(true)
    const input = { BOT_ID: 39, COMMAND: '/echo', EVENT_COMMAND_ADD: 'http://127.0.0.1:3000/command', LANG: lang }
    expect(paramsOf(imbotCommandRegister, input).output).toMatchObject({ COMMAND: 'echo' })
  })

  it.each([
    [{ COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'BOT_ID'],
    [{ BOT_ID: 39, EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: 'two words', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: '/', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: '', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: 'echo', LANG: lang }, 'EVENT_COMMAND_ADD'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'http://localhost:3000/c', LANG: lang }, 'EVENT_COMMAND_ADD'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c' }, 'LANG'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [] }, 'LANG'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [{ LANGUAGE_ID: 'en' }] }, 'LANG.0.TITLE'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [{ ...lang[0], HINT: 'x' }] }, 'LANG.0.HINT'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang, COMMON: 'maybe' }, 'COMMON'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(pathsOf(imbotCommandRegister, input)).toContain(field)
  })

  it('reports a missing BOT_ID through the client, without a request', async () => {
    await expectInvalid(imbotCommandRegister, { COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'BOT_ID')
    await expectInvalid(
      imbotCommandRegister,
      { BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [{}] },
      'LANG[0].LANGUAGE_ID',
    )
  })

  it('resolves to the command id as a number', () => {
    expect(resultOf(imbotCommandRegister, commandRegisterExample.response.result).output).toBe(99)
    expect(resultOf(imbotCommandRegister, '99').output).toBe(99)
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(
      paramsOf(imbotCommandRegister, { BOT_ID: '39', COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }),
    ).toMatchObject({ success: true, output: { BOT_ID: 39 } })
  })
})
