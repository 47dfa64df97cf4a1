import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import commandAnswerExample from '@b24bot/spec-fixtures/examples/imbot.command.answer.json' with { type: 'json' }
import { paramsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotCommandAnswer } from './imbot.command.answer.ts'

describe('imbot.command.answer', () => {
  it('sends the documented example', () => {
    expect(paramsOf(imbotCommandAnswer, commandAnswerExample.params).success).toBe(true)
  })

  it('names the command by COMMAND_ID or COMMAND', async () => {
    expect(paramsOf(imbotCommandAnswer, { COMMAND: '/echo', MESSAGE_ID: 1, MESSAGE: 'ok' }).output).toEqual({
      COMMAND: 'echo',
      MESSAGE_ID: 1,
      MESSAGE: 'ok',
    })
    expect(paramsOf(imbotCommandAnswer, { COMMAND_ID: 99, COMMAND: 'echo', MESSAGE_ID: 1, MESSAGE: 'ok' }).success).toBe(true)
    await expectInvalid(imbotCommandAnswer, { MESSAGE_ID: 1, MESSAGE: 'ok' }, 'COMMAND_ID')
  })

  it.each([
    [{ COMMAND_ID: 99, MESSAGE: 'ok' }, 'MESSAGE_ID'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1 }, 'MESSAGE'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: '' }, 'MESSAGE'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: 'ok', DIALOG_ID: 'chat1' }, 'DIALOG_ID'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: 'ok', BOT_ID: 39 }, 'BOT_ID'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: 'ok', SKIP_CONNECTOR: 'Y' }, 'SKIP_CONNECTOR'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotCommandAnswer, input, field)
  })

  it('resolves to the message id, or to true after the 10-minute window', () => {
    expect(resultOf(imbotCommandAnswer, commandAnswerExample.response.result).output).toBe(33879)
    expect(resultOf(imbotCommandAnswer, '33879').output).toBe(33879)
    expect(resultOf(imbotCommandAnswer, true).output).toBe(true)
    expect(resultOf(imbotCommandAnswer, false).success).toBe(false)
  })

  it('refuses "N" for ATTACH, KEYBOARD and MENU, which only updates can remove', async () => {
    for (const field of ['ATTACH', 'KEYBOARD', 'MENU']) {
      await expectInvalid(imbotCommandAnswer, { COMMAND_ID: 1, MESSAGE_ID: 2, MESSAGE: 'hi', [field]: 'N' }, field)
    }
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotCommandAnswer, { COMMAND_ID: '99', MESSAGE_ID: '33877', MESSAGE: 'ok' })).toMatchObject({
      success: true,
      output: { COMMAND_ID: 99, MESSAGE_ID: 33877 },
    })
  })
})
