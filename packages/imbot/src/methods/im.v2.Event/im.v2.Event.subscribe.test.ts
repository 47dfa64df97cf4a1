import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { imV2EventSubscribe } from './im.v2.Event.subscribe.ts'

describe('im.v2.Event.subscribe', () => {
  it('resolves to the documented value', () => {
    expect(v.parse(imV2EventSubscribe.result, true)).toBe(true)
  })

  it('refuses invalid params before sending: im.v2.Event.subscribe with a param', async () => {
    await expectInvalid(imV2EventSubscribe, { botId: 456 }, 'botId')
  })
})
