import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imV2FileDownload } from './im.v2.File.download.ts'

describe('im.v2.File.download', () => {
  it('resolves to { downloadUrl }', () => {
    expect(v.parse(imV2FileDownload.result, { downloadUrl: 'https://p.example/rest/download.json?token=x' })).toEqual({
      downloadUrl: 'https://p.example/rest/download.json?token=x',
    })
  })

  it('refuses invalid params before sending: im.v2.File.download without dialogId', async () => {
    await expectInvalid(imV2FileDownload, { fileId: 138 }, 'dialogId')
  })
})
