import { describe, expect, it } from 'vitest'
import { hasMessageContent } from '../../schemas/v2-messages.ts'

describe('hasMessageContent', () => {
  it('counts non-blank text, a non-empty attach and forwards, not a keyboard', () => {
    expect(hasMessageContent({ message: 'x' })).toBe(true)
    expect(hasMessageContent({ attach: { BLOCKS: [] } })).toBe(false)
    expect(hasMessageContent({ attach: { BLOCKS: [{ MESSAGE: 'x' }] } })).toBe(true)
    expect(hasMessageContent({ attach: '[{"MESSAGE":"x"}]' })).toBe(true)
    expect(hasMessageContent({ forwardIds: { a: 1 } })).toBe(true)
    expect(hasMessageContent({})).toBe(false)
  })
})
