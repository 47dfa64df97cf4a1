import { describe, expect, it } from 'vitest'
import { paramsOf } from '../../../test/descriptors.ts'
import { imbotMessageLike } from './imbot.message.like.ts'

describe('imbot.message.like', () => {
  it('takes ids as decimal strings, as webhook-delivered events carry them, and sends numbers (the server intval()s them)', () => {
    expect(paramsOf(imbotMessageLike, { BOT_ID: '39', MESSAGE_ID: '19880117' })).toMatchObject({
      success: true,
      output: { BOT_ID: 39, MESSAGE_ID: 19880117 },
    })
  })
})
