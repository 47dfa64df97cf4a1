import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2FileDownload } from './imbot.v2.File.download.ts'

describe('imbot.v2.File.download', () => {
  it('takes an optional dialogId (im.v2.File.download requires it)', () => {
    expect(v.safeParse(imbotV2FileDownload.params, { ...bot, fileId: 138 }).success).toBe(true)
    expect(v.parse(imbotV2FileDownload.params, { ...bot, fileId: 138, dialogId: 'chat5' })).toEqual({
      ...bot,
      fileId: 138,
      dialogId: 'chat5',
    })
  })

  it('refuses invalid params before sending: File.download without fileId', async () => {
    await expectInvalid(imbotV2FileDownload, { ...bot }, 'fileId')
  })
})
