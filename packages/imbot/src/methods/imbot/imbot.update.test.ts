import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { HANDLER, paramsOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotUpdate } from './imbot.update.ts'

describe('imbot.update', () => {
  it('requires BOT_ID and FIELDS', async () => {
    await expectInvalid(imbotUpdate, { FIELDS: { CODE: 'x' } }, 'BOT_ID')
    await expectInvalid(imbotUpdate, { BOT_ID: 39 }, 'FIELDS')
  })

  it('refuses FIELDS or PROPERTIES that change nothing', async () => {
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: {} }, 'FIELDS')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { PROPERTIES: {} } }, 'FIELDS.PROPERTIES')
  })

  it('checks nested fields with their full path', async () => {
    await expectInvalid(
      imbotUpdate,
      { BOT_ID: 39, FIELDS: { EVENT_MESSAGE_UPDATE: 'http://localhost/events' } },
      'FIELDS.EVENT_MESSAGE_UPDATE',
    )
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { PROPERTIES: { COLOR: 'ORANGE' } } }, 'FIELDS.PROPERTIES.COLOR')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { PROPERTIES: { NAME: '', LAST_NAME: '' } } }, 'FIELDS.PROPERTIES.NAME')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { TYPE: 'S' } }, 'FIELDS.TYPE')
    await expectInvalid(imbotUpdate, { BOT_ID: 39, FIELDS: { CODE: '' } }, 'FIELDS.CODE')
  })

  it('accepts a single change: an empty NAME alone, a handler, OPENLINE', () => {
    for (const FIELDS of [{ PROPERTIES: { NAME: '' } }, { EVENT_MESSAGE_DELETE: HANDLER }, { OPENLINE: 'N' }]) {
      expect(paramsOf(imbotUpdate, { BOT_ID: 39, FIELDS }).success).toBe(true)
    }
  })

  it('sends nested fields as given (flags normalized) and resolves to true', async () => {
    const { sent, resolved } = await roundTrip(imbotUpdate, { BOT_ID: 39, FIELDS: { OPENLINE: false, PROPERTIES: { NAME: 'New' } } }, true)
    expect(sent).toEqual({ BOT_ID: 39, FIELDS: { OPENLINE: 'N', PROPERTIES: { NAME: 'New' } } })
    expect(resolved).toBe(true)
  })
})
