import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imV2FileUpload } from './im.v2.File.upload.ts'

describe('im.v2.File.upload', () => {
  it('refuses invalid params before sending: im.v2.File.upload with a data: URL', async () => {
    await expectInvalid(
      imV2FileUpload,
      { dialogId: 'chat5', fields: { name: 'a.txt', content: 'data:text/plain;base64,SGk=' } },
      'fields.content',
    )
  })
})
