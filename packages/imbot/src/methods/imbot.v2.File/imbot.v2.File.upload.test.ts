import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { base64ByteLength } from '../../schemas/v2-messages.ts'
import { imV2FileUpload } from '../im.v2.File/im.v2.File.upload.ts'
import { imbotV2FileUpload } from './imbot.v2.File.upload.ts'

describe('imbot.v2.File.upload', () => {
  it('checks the Base64 content: alphabet, data: prefix, empty, 100 MB', async () => {
    const upload = (content: unknown) => ({ ...bot, dialogId: 'chat5', fields: { name: 'a.bin', content } })
    expect(v.safeParse(imbotV2FileUpload.params, upload('SGVsbG8gV29ybGQh')).success).toBe(true)
    expect(v.safeParse(imbotV2FileUpload.params, upload('SGVsbG8\nV29ybGQ')).success).toBe(true)
    for (const content of ['', 'not base64!', 'SGVsb', 'SGVs-_8='])
      await expectInvalid(imbotV2FileUpload, upload(content), 'fields.content')
    expect(base64ByteLength('SGVsbG8gV29ybGQh')).toBe(12)
    const tooBig = 'A'.repeat(Math.ceil((104_857_600 * 4) / 3) + 4)
    await expectInvalid(imbotV2FileUpload, upload(tooBig), 'fields.content')
    expect(base64ByteLength(' SGVs\nbG8=  ')).toBe(5)
  }, 30_000) // builds a 140 MB string on purpose

  it('reads the upload results with ids as numbers', () => {
    const file = { id: '138', chatId: '5', name: 'report.pdf', extension: 'pdf', size: '35341' }
    expect(v.parse(imbotV2FileUpload.result, { file, messageId: '123', chatId: 5, dialogId: 'chat5' })).toEqual({
      file: { id: 138, chatId: 5, name: 'report.pdf', extension: 'pdf', size: 35341 },
      messageId: 123,
      chatId: 5,
      dialogId: 'chat5',
    })
    expect(v.safeParse(imV2FileUpload.result, { file, messageId: 123, chatId: 5, dialogId: 'chat5' }).success).toBe(false)
  })

  it('refuses invalid params before sending: File.upload without a name', async () => {
    await expectInvalid(imbotV2FileUpload, { ...bot, dialogId: 'chat5', fields: { content: 'SGk=' } }, 'fields.name')
  })
})
