import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import commandUpdateExample from '@b24bot/spec-fixtures/examples/imbot.command.update.json' with { type: 'json' }
import { paramsOf, pathsOf } from '../../../test/descriptors.ts'
import { imbotCommandUpdate } from './imbot.command.update.ts'

describe('imbot.command.update', () => {
  it('update sends the documented example and needs at least one field', async () => {
    expect(paramsOf(imbotCommandUpdate, commandUpdateExample.params).success).toBe(true)
    expect(paramsOf(imbotCommandUpdate, { COMMAND_ID: 99, FIELDS: { HIDDEN: true } }).output).toEqual({
      COMMAND_ID: 99,
      FIELDS: { HIDDEN: 'Y' },
    })
    await expectInvalid(imbotCommandUpdate, { COMMAND_ID: 99, FIELDS: {} }, 'FIELDS')
    await expectInvalid(imbotCommandUpdate, { COMMAND_ID: 99 }, 'FIELDS')
    await expectInvalid(imbotCommandUpdate, { FIELDS: { HIDDEN: 'Y' } }, 'COMMAND_ID')
  })

  it.each([
    [{ COMMAND_ID: 99, FIELDS: { COMMON: 'Y' } }, 'FIELDS.COMMON'],
    [{ COMMAND_ID: 99, FIELDS: { EVENT_COMMAND_ADD: 'ftp://bot.example.com/c' } }, 'FIELDS.EVENT_COMMAND_ADD'],
    [{ COMMAND_ID: 99, FIELDS: { LANG: [] } }, 'FIELDS.LANG'],
    [{ COMMAND_ID: 99, FIELDS: { COMMAND: 'a b' } }, 'FIELDS.COMMAND'],
    [{ COMMAND_ID: 99, HIDDEN: 'Y' }, 'HIDDEN'],
  ])('update refuses %j, naming %s', (input, field) => {
    expect(pathsOf(imbotCommandUpdate, input)).toContain(field)
  })

  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotCommandUpdate, { COMMAND_ID: '99', FIELDS: { HIDDEN: 'N' } })).toMatchObject({
      success: true,
      output: { COMMAND_ID: 99 },
    })
  })
})
