import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imbotV2RevisionGet } from './imbot.v2.Revision.get.ts'

describe('imbot.v2.Revision.get', () => {
  it('takes no params and resolves to the documented values', () => {
    expect(v.parse(imbotV2RevisionGet.params, {})).toEqual({})
    expect(v.parse(imbotV2RevisionGet.result, { rest: '33', web: 130, mobile: 23, desktop: 6 })).toEqual({
      rest: 33,
      web: 130,
      mobile: 23,
      desktop: 6,
    })
  })

  it('refuses invalid params before sending: Revision.get with a botId', async () => {
    await expectInvalid(imbotV2RevisionGet, { botId: 456 }, 'botId')
  })
})
