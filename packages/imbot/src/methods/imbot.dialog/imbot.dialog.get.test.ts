import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import dialogExample from '@b24bot/spec-fixtures/examples/imbot.dialog.get.json' with { type: 'json' }
import { resultOf, roundTrip } from '../../../test/descriptors.ts'
import { imbotDialogGet } from './imbot.dialog.get.ts'

describe('imbot.dialog.get', () => {
  it('takes DIALOG_ID only', async () => {
    await expectInvalid(imbotDialogGet, {}, 'DIALOG_ID')
    await expectInvalid(imbotDialogGet, { DIALOG_ID: 'user1' }, 'DIALOG_ID')
    await expectInvalid(imbotDialogGet, { DIALOG_ID: 'chat1', BOT_ID: 39 }, 'BOT_ID')
    await expectInvalid(imbotDialogGet, { DIALOG_ID: 'chat1', CLIENT_ID: 'x' }, 'CLIENT_ID')
  })

  it('reads the documented chat object, keeping every field', () => {
    const parsed = resultOf(imbotDialogGet, dialogExample.response.result)
    expect(parsed.success).toBe(true)
    expect(parsed.output).toEqual(dialogExample.response.result)
  })

  it('normalizes ids given as strings and text_field_enabled given as Y/N', async () => {
    const raw = {
      id: '2725',
      owner: '1291',
      parent_chat_id: '0',
      manager_list: ['1291'],
      readed_list: [{ user_id: '1291', user_name: 'MyBot', message_id: '33807', date: null }],
      last_message_views: {
        message_id: '33807',
        first_viewers: [{ user_id: '1271', date: '2026-02-24T15:41:17+02:00' }],
        count_of_viewers: '1',
      },
      text_field_enabled: 'N',
      dialog_id: 'chat2725',
      something_new: { kept: true },
    }
    const { resolved } = await roundTrip(imbotDialogGet, { DIALOG_ID: 'chat2725' }, raw)
    expect(resolved).toEqual({
      id: 2725,
      owner: 1291,
      parent_chat_id: 0,
      manager_list: [1291],
      readed_list: [{ user_id: 1291, user_name: 'MyBot', message_id: 33807, date: null }],
      last_message_views: { message_id: 33807, first_viewers: [{ user_id: 1271, date: '2026-02-24T15:41:17+02:00' }], count_of_viewers: 1 },
      text_field_enabled: false,
      dialog_id: 'chat2725',
      something_new: { kept: true },
    })
  })

  it('reads dialog_id echoed back as a number (the server returns DIALOG_ID as sent) as a string', async () => {
    const { sent, resolved } = await roundTrip(imbotDialogGet, { DIALOG_ID: 1269 }, { id: 31, type: 'private', dialog_id: 1269 })
    expect(sent).toEqual({ DIALOG_ID: 1269 })
    expect(resolved).toEqual({ id: 31, type: 'private', dialog_id: '1269' })
  })

  it.each([[{}], [{ id: 0 }], [{ id: 1, owner: -1 }], [{ id: 1, manager_list: ['x'] }], [null], [[]]])('refuses %j', (raw) => {
    expect(resultOf(imbotDialogGet, raw).success).toBe(false)
  })
})
