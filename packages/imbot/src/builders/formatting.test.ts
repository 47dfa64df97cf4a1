import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bold,
  br,
  call,
  chatMention,
  code,
  color,
  escapeBb,
  fmt,
  FormattedText,
  italic,
  join,
  link,
  mention,
  messageLink,
  plain,
  put,
  quote,
  raw,
  send,
  size,
  strike,
  underline,
} from './formatting.ts'

/** The BB tag tokens of a text, upper-cased. */
const tagsOf = (text: string) => [...text.matchAll(/\[\/?[a-z]+[^[\]]*\]/gi)].map((match) => match[0].toUpperCase())

describe('escapeBb', () => {
  it('leaves no bracket, so no tag, in any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeBb(text)
        expect(escaped).not.toMatch(/[[\]]/)
        expect(escaped.length).toBe(text.length)
        if (!/[［］]/.test(text)) expect(escaped.replaceAll('［', '[').replaceAll('］', ']')).toBe(text)
      }),
    )
  })

  it('neutralizes injection attempts', () => {
    expect(escapeBb('[URL=https://evil.example]click[/URL] [USER=all]x[/USER]')).toBe(
      '［URL=https://evil.example］click［/URL］ ［USER=all］x［/USER］',
    )
  })
})

describe('helpers', () => {
  it('wrap content in upper-case tags', () => {
    expect([bold('a'), italic('a'), underline('a'), strike('a'), code('a'), size(12, 'a'), color('#f00', 'a')].map(String)).toEqual([
      '[B]a[/B]',
      '[I]a[/I]',
      '[U]a[/U]',
      '[S]a[/S]',
      '[CODE]a[/CODE]',
      '[SIZE=12]a[/SIZE]',
      '[COLOR=#f00]a[/COLOR]',
    ])
  })

  it('build links, mentions and command links', () => {
    expect(String(link('https://example.com/a?b=[1]'))).toBe('[URL]https://example.com/a?b=%5B1%5D[/URL]')
    expect(String(link('https://example.com', 'site'))).toBe('[URL=https://example.com]site[/URL]')
    expect(String(link('/crm/deal/details/7/', 'deal'))).toBe('[URL=/crm/deal/details/7/]deal[/URL]')
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      'example.com',
      '//evil.example',
      '/\\evil.example',
      'https://',
    ])
      expect(() => link(url, 'x'), url).toThrow(TypeError)
    expect(String(mention(5, 'Ann'))).toBe('[USER=5]Ann[/USER]')
    expect(String(mention('all', 'everyone'))).toBe('[USER=all]everyone[/USER]')
    expect(String(chatMention(7, 'Team'))).toBe('[CHAT=7]Team[/CHAT]')
    expect(String(chatMention('imol|9', 'Line'))).toBe('[CHAT=imol|9]Line[/CHAT]')
    expect(String(messageLink('chat123', 456, 'here'))).toBe('[CONTEXT=chat123/456]here[/CONTEXT]')
    expect(String(send('/help', 'Help'))).toBe('[SEND=/help]Help[/SEND]')
    expect(String(put('/find ', 'Find'))).toBe('[PUT=/find ]Find[/PUT]')
    expect(String(call('+123'))).toBe('[CALL]+123[/CALL]')
    expect(String(call('+123', 'Call us'))).toBe('[CALL=+123]Call us[/CALL]')
    expect(String(quote('a\nb'))).toBe('>>a\n>>b')
    expect(String(join(['a', bold('b'), 'c]'], br))).toBe('a[BR][B]b[/B][BR]c］')
  })

  it('escape plain strings but keep formatted text', () => {
    expect(String(bold(italic('[x]')))).toBe('[B][I]［x］[/I][/B]')
    expect(String(mention(5, '[/USER][USER=all]'))).toBe('[USER=5]［/USER］［USER=all］[/USER]')
    expect(String(send('/x]evil', 'go'))).toBe('[SEND=/x］evil]go[/SEND]')
    expect(String(plain(3))).toBe('3')
    expect(String(raw('[B]trusted[/B]'))).toBe('[B]trusted[/B]')
  })

  it('refuse sizes and colours the portal does not support', () => {
    expect(() => size(7, 'a')).toThrow(RangeError)
    expect(() => color('#12', 'a')).toThrow(RangeError)
  })

  it('never let user text add or break tags', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, title) => {
        const text = fmt`Hello ${mention(1, name)}, ${bold(title)}!`.toString()
        expect(tagsOf(text)).toEqual(['[USER=1]', '[/USER]', '[B]', '[/B]'])
      }),
    )
  })
})

describe('fmt', () => {
  it('keeps the template, escapes values, keeps formatted values', () => {
    const text = fmt`[B]Order[/B] ${'[I]x[/I]'} by ${mention(3, 'Bob')} (${42})`
    expect(text).toBeInstanceOf(FormattedText)
    expect(text.text).toBe('[B]Order[/B] ［I］x［/I］ by [USER=3]Bob[/USER] (42)')
    expect(String(fmt`a${bold('b')}`)).toBe('a[B]b[/B]')
  })
})
