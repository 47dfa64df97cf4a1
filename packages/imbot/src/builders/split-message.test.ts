import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitMessage } from './split-message.ts'

const tag = fc.constantFrom('[B]', '[/B]', '[URL=https://example.com/a b]', '[/URL]', '[img size=small]', '[BR]', '[USER=12]', '[/USER]')
const fragment = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z]{1,12}$/) },
  { weight: 3, arbitrary: fc.constantFrom(' ', '\n', '  ', '\t') },
  { weight: 2, arbitrary: tag },
  { weight: 1, arbitrary: fc.constantFrom('😀', 'ё', '[', ']', '[not a tag') },
)
const text = fc.array(fragment, { maxLength: 200 }).map((parts) => parts.join(''))

/** Start and end offsets of every tag token. */
function tagSpans(value: string): [number, number][] {
  return [...value.matchAll(/\[\/?[a-z][a-z0-9]*(?:[= ][^[\]\n]*)?\]/gi)].map((match) => [match.index, match.index + match[0].length])
}

function boundaries(parts: readonly string[]): number[] {
  const cuts: number[] = []
  let offset = 0
  for (const part of parts.slice(0, -1)) {
    offset += part.length
    cuts.push(offset)
  }
  return cuts
}

describe('splitMessage', () => {
  it('returns parts that join back to the text, each within the limit and non-empty', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 120 }), (value, limit) => {
        const parts = splitMessage(value, { limit })
        expect(parts.join('')).toBe(value)
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit)
        if (value !== '') for (const part of parts) expect(part.length).toBeGreaterThan(0)
      }),
    )
  })

  it('never cuts inside a tag shorter than the limit, nor inside a surrogate pair', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 40, max: 120 }), (value, limit) => {
        const parts = splitMessage(value, { limit })
        const spans = tagSpans(value)
        for (const cut of boundaries(parts)) {
          expect(spans.some(([start, end]) => start < cut && cut < end)).toBe(false)
          const code = value.charCodeAt(cut - 1)
          expect(code >= 0xd800 && code <= 0xdbff).toBe(false)
        }
      }),
    )
  })

  it('keeps short text whole, and empty text as one empty part', () => {
    expect(splitMessage('hello')).toEqual(['hello'])
    expect(splitMessage('')).toEqual([''])
    expect(splitMessage('x'.repeat(20_000))).toHaveLength(1)
    expect(splitMessage('x'.repeat(20_001)).map((part) => part.length)).toEqual([20_000, 1])
  })

  it('prefers line breaks, then spaces', () => {
    expect(splitMessage('aaaa bbbb\ncc dd', { limit: 12 })).toEqual(['aaaa bbbb\n', 'cc dd'])
    expect(splitMessage('aaaa bbbb cc dd', { limit: 12 })).toEqual(['aaaa bbbb ', 'cc dd'])
    expect(splitMessage('aaaa[BR]bbbb cc', { limit: 14 })).toEqual(['aaaa[BR]', 'bbbb cc'])
    expect(splitMessage('a\nbbbbbbbb cc', { limit: 12 })).toEqual(['a\nbbbbbbbb ', 'cc'])
  })

  it('moves a hard cut before a tag', () => {
    expect(splitMessage('aaaaaaa[URL=https://x.y]b[/URL]', { limit: 20 })).toEqual(['aaaaaaa', '[URL=https://x.y]b', '[/URL]'])
    // A tag longer than the limit cannot stay whole.
    expect(splitMessage('[URL=https://x.y]', { limit: 10 }).join('')).toBe('[URL=https://x.y]')
  })

  it('refuses a limit below 2', () => {
    expect(() => splitMessage('abc', { limit: 1 })).toThrow(RangeError)
  })
})
