import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { HANDLER, paramsOf, resultOf, roundTrip } from '../../../test/descriptors.ts'
import { CLASSIC_COLORS } from '../../schemas/classic-bots.ts'
import { imbotRegister } from './imbot.register.ts'

describe('imbot.register', () => {
  const valid = { CODE: 'support', EVENT_HANDLER: HANDLER, PROPERTIES: { NAME: 'Support' } }

  it('accepts EVENT_HANDLER alone, or the three required handlers without it', () => {
    expect(paramsOf(imbotRegister, valid).success).toBe(true)
    const separate = {
      CODE: 'support',
      EVENT_MESSAGE_ADD: HANDLER,
      EVENT_WELCOME_MESSAGE: HANDLER,
      EVENT_BOT_DELETE: 'http://127.0.0.1:3000/events',
      PROPERTIES: { LAST_NAME: 'Bot' },
    }
    expect(paramsOf(imbotRegister, separate).success).toBe(true)
  })

  it.each(['EVENT_MESSAGE_ADD', 'EVENT_WELCOME_MESSAGE', 'EVENT_BOT_DELETE'])(
    'requires %s unless EVENT_HANDLER is given',
    async (field) => {
      const others = ['EVENT_MESSAGE_ADD', 'EVENT_WELCOME_MESSAGE', 'EVENT_BOT_DELETE'].filter((name) => name !== field)
      const handlers = Object.fromEntries(others.map((name) => [name, HANDLER]))
      await expectInvalid(imbotRegister, { CODE: 'support', ...handlers, PROPERTIES: { NAME: 'Support' } }, field)
    },
  )

  it('names all three missing handlers, and still checks the rest', () => {
    const parsed = paramsOf(imbotRegister, { CODE: '', PROPERTIES: { NAME: 'Support' } })
    expect(parsed.issues?.map((issue) => v.getDotPath(issue))).toEqual([
      'CODE',
      'EVENT_MESSAGE_ADD',
      'EVENT_WELCOME_MESSAGE',
      'EVENT_BOT_DELETE',
    ])
  })

  it.each([
    ['EVENT_HANDLER', 'http://localhost:3000/events'],
    ['EVENT_MESSAGE_UPDATE', 'ftp://bot.example.com/events'],
    ['EVENT_CONTEXT_GET', 'not a url'],
  ])('refuses a handler URL the portal refuses: %s = %s', async (field, url) => {
    await expectInvalid(imbotRegister, { ...valid, [field]: url }, field)
  })

  it('requires a CODE that PHP does not see as empty', async () => {
    await expectInvalid(imbotRegister, { ...valid, CODE: undefined }, 'CODE')
    await expectInvalid(imbotRegister, { ...valid, CODE: '0' }, 'CODE')
  })

  it('requires PROPERTIES with a non-empty NAME or LAST_NAME', async () => {
    await expectInvalid(imbotRegister, { CODE: 'support', EVENT_HANDLER: HANDLER }, 'PROPERTIES')
    await expectInvalid(imbotRegister, { ...valid, PROPERTIES: { WORK_POSITION: 'Bot' } }, 'PROPERTIES.NAME')
    await expectInvalid(imbotRegister, { ...valid, PROPERTIES: { NAME: '', LAST_NAME: '' } }, 'PROPERTIES.NAME')
    expect(paramsOf(imbotRegister, { ...valid, PROPERTIES: { NAME: '', LAST_NAME: 'Bot' } }).success).toBe(true)
  })

  it.each([
    ['TYPE', { TYPE: 'X' }, 'TYPE'],
    ['OPENLINE', { OPENLINE: 'yes' }, 'OPENLINE'],
    ['COLOR', { PROPERTIES: { NAME: 'A', COLOR: 'ORANGE' } }, 'PROPERTIES.COLOR'],
    ['COLOR case', { PROPERTIES: { NAME: 'A', COLOR: 'green' } }, 'PROPERTIES.COLOR'],
    ['PERSONAL_GENDER', { PROPERTIES: { NAME: 'A', PERSONAL_GENDER: 'X' } }, 'PROPERTIES.PERSONAL_GENDER'],
    ['PERSONAL_BIRTHDAY format', { PROPERTIES: { NAME: 'A', PERSONAL_BIRTHDAY: '01.01.2016' } }, 'PROPERTIES.PERSONAL_BIRTHDAY'],
    ['PERSONAL_BIRTHDAY date', { PROPERTIES: { NAME: 'A', PERSONAL_BIRTHDAY: '2023-02-30' } }, 'PROPERTIES.PERSONAL_BIRTHDAY'],
    ['PERSONAL_PHOTO', { PROPERTIES: { NAME: 'A', PERSONAL_PHOTO: '' } }, 'PROPERTIES.PERSONAL_PHOTO'],
    ['unknown property', { PROPERTIES: { NAME: 'A', AVATAR: 'x' } }, 'PROPERTIES.AVATAR'],
    ['unknown param', { BOT_ID: 39 }, 'BOT_ID'],
  ])('refuses a bad %s', async (_what, patch, field) => {
    await expectInvalid(imbotRegister, { ...valid, ...patch }, field)
  })

  it('accepts every safe colour (COPILOT too), every type, and a photo as base64 or [name, base64]', () => {
    for (const COLOR of CLASSIC_COLORS) expect(paramsOf(imbotRegister, { ...valid, PROPERTIES: { NAME: 'A', COLOR } }).success).toBe(true)
    for (const TYPE of ['B', 'O', 'H', 'S']) expect(paramsOf(imbotRegister, { ...valid, TYPE }).success).toBe(true)
    for (const PERSONAL_PHOTO of ['iVBORw0KGgo=', ['bot.png', 'iVBORw0KGgo=']]) {
      expect(
        paramsOf(imbotRegister, { ...valid, PROPERTIES: { NAME: 'A', PERSONAL_PHOTO, PERSONAL_BIRTHDAY: '2016-02-29' } }).success,
      ).toBe(true)
    }
  })

  it('sends OPENLINE as "Y"/"N" and resolves to the bot id as a number', async () => {
    const { sent, resolved } = await roundTrip(imbotRegister, { ...valid, OPENLINE: true, CLIENT_ID: 'my-client' }, '39')
    expect(sent).toEqual({ ...valid, OPENLINE: 'Y', CLIENT_ID: 'my-client' })
    expect(resolved).toBe(39)
  })

  it('refuses a result that is not an id', () => {
    for (const raw of [true, 0, 'abc', null]) expect(resultOf(imbotRegister, raw).success).toBe(false)
  })
})
