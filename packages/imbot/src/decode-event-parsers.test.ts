import { parse as querystringParse } from 'node:querystring'
import { decodeForm, encodeForm, type FormInput } from '@b24bot/core'
import qs from 'qs'
import { describe, expect, it } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { decodeEvent, EventDecodeError } from './index.ts'

/*
 * Bodies read by other parsers than decodeForm. Express reads a form body with `qs` (extended: true),
 * which makes lists of bracket keys with numbers: `data[BOT][3][BOT_ID]=3` becomes
 * `BOT: [{ BOT_ID: '3' }]`, the key lost. Or with Node's `querystring` (extended: false), which keeps
 * the bracket keys flat, to be encoded and decoded again. Either way the event must decode to what the
 * form body itself decodes to.
 */

interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}

const spec = readEventsSpec() as SpecEvent[]
const specOf = (name: string): SpecEvent => spec.find((candidate) => candidate.event === name)!

/** As body-parser calls qs for `express.urlencoded({ extended: true })` (its arrayLimit is at least 100). */
const qsOptions = { allowPrototypes: true, arrayLimit: 100, depth: 32, parameterLimit: 1000 }

/** A v2 webhook body spells `null` as `""`, then PHP's `http_build_query` encodes it. */
function nullsAsEmpty(value: unknown): FormInput {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(nullsAsEmpty)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nullsAsEmpty(item)]))
  return value as FormInput
}

const webhookSkeleton = specOf('ONIMBOTV2MESSAGEADD').examplePayloads.webhookEnvelopeSkeleton as {
  ts: number
  auth: Record<string, unknown>
}
const webhookBot = (specOf('ONIMBOTV2MESSAGEADD').examplePayloads.webhookBotObject as { bot: Record<string, unknown> }).bot

/** The form body the portal POSTs for each example of the spec: classic and app events as given; v2 fetch examples as a webhook-mode bot gets them. */
function exampleBodies(): [string, string][] {
  const bodies: [string, string][] = []
  for (const event of spec) {
    for (const [label, payload] of Object.entries(event.examplePayloads)) {
      if (!event.event.includes('V2')) bodies.push([`${event.event} ${label}`, encodeForm(payload as Record<string, FormInput>)])
      else if (label === 'fetchModeData' && event.event.startsWith('ONIMBOTV2')) {
        const body = { event: event.event, data: { ...payload, bot: webhookBot }, ts: webhookSkeleton.ts, auth: webhookSkeleton.auth }
        bodies.push([`${event.event} webhook`, encodeForm(nullsAsEmpty(body) as Record<string, FormInput>)])
      }
    }
  }
  return bodies
}

/**
 * The same body with every id that keys a map (bots, commands, mentions, bots in chat) and all its
 * other mentions made small (3, 5, 7, ...), as on a young portal: then qs makes lists of them all.
 */
function withSmallIds(body: string): string {
  const ids: Set<string> = new Set()
  for (const match of body.matchAll(/(?:\[BOT\]|\[COMMAND\]|\[MENTIONED_LIST\]|\[BOT_IN_CHAT\])\[(\d+)\]/g)) ids.add(match[1] ?? '')
  let small = 1
  let text = body
  for (const id of ids) {
    small += 2
    text = text.replace(new RegExp(`(?<![\\w%])${id}(?!\\w)`, 'g'), String(small))
  }
  return text
}

const bodies = exampleBodies()
const idMapBodies = bodies.filter(([, body]) => /\[(?:BOT|COMMAND|MENTIONED_LIST|BOT_IN_CHAT)\]\[\d+\]/.test(body))

describe('an event read by qs (express.urlencoded({ extended: true })) decodes as the form body does', () => {
  it('covers every example of the spec, and the maps keyed by id in them', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(20)
    expect(idMapBodies.map(([label]) => label.split(' ')[0])).toEqual(
      expect.arrayContaining(['ONIMBOTMESSAGEADD', 'ONIMBOTMESSAGEUPDATE', 'ONIMBOTMESSAGEDELETE', 'ONIMBOTJOINCHAT', 'ONIMCOMMANDADD']),
    )
  })

  it.each(bodies)('%s', (_label, body) => {
    expect(decodeEvent(qs.parse(body, qsOptions))).toEqual(decodeEvent(decodeForm(body)))
  })

  it.each(idMapBodies)('%s, with small ids (qs makes lists of the maps)', (_label, example) => {
    const body = withSmallIds(example)
    const parsed = qs.parse(body, qsOptions) as { data: Record<string, unknown> }
    // qs did make lists: the keys are gone.
    expect(Array.isArray(parsed.data.BOT ?? parsed.data.COMMAND)).toBe(true)
    const original = decodeEvent(decodeForm(body))
    expect(decodeEvent(parsed)).toEqual(original)
    // What an intake does with an object a parser left: encode it again, and decode that.
    expect(decodeEvent(decodeForm(encodeForm(parsed as Record<string, FormInput>)))).toEqual(original)
  })

  it('keys every entry of a list again by its own id: several bots, commands, mentions and files', () => {
    const body = [
      'event=ONIMBOTMESSAGEADD&data[BOT][3][BOT_ID]=3&data[BOT][3][BOT_CODE]=a&data[BOT][9][BOT_ID]=9&data[BOT][9][BOT_CODE]=b',
      'data[PARAMS][MESSAGE]=hi&data[PARAMS][MESSAGE_TYPE]=C&data[PARAMS][FROM_USER_ID]=1&data[PARAMS][DIALOG_ID]=chat5',
      'data[PARAMS][TO_CHAT_ID]=5&data[PARAMS][AUTHOR_ID]=1&data[PARAMS][MESSAGE_ID]=10&data[PARAMS][CHAT_TYPE]=C',
      'data[PARAMS][MENTIONED_LIST][3]=3&data[PARAMS][MENTIONED_LIST][9]=9&data[PARAMS][FILES][4][id]=4&data[PARAMS][FILES][4][name]=a.png',
      'data[USER][ID]=1',
    ].join('&')
    const parsed = qs.parse(body, qsOptions) as { data: { BOT: unknown; PARAMS: { MENTIONED_LIST: unknown; FILES: unknown } } }
    expect(parsed.data.BOT).toEqual([
      { BOT_ID: '3', BOT_CODE: 'a' },
      { BOT_ID: '9', BOT_CODE: 'b' },
    ])
    expect(parsed.data.PARAMS.MENTIONED_LIST).toEqual(['3', '9'])
    expect(parsed.data.PARAMS.FILES).toEqual([{ id: '4', name: 'a.png' }])
    const event = decodeEvent(parsed)
    expect(event.data).toMatchObject({
      BOT: { 3: { BOT_ID: 3, BOT_CODE: 'a' }, 9: { BOT_ID: 9, BOT_CODE: 'b' } },
      PARAMS: { MENTIONED_LIST: { 3: 3, 9: 9 }, FILES: { 4: { id: '4', name: 'a.png' } } },
    })
    expect(event).toEqual(decodeEvent(decodeForm(body)))
  })

  it('refuses a list whose entries have no id, as it refuses a map keyed by something else', () => {
    const body = { event: 'ONIMBOTDELETE', data: { BOT_ID: '3', BOT_CODE: 'x' } }
    expect(decodeEvent(body).data).toEqual({ BOT_ID: 3, BOT_CODE: 'x' })
    const message = specOf('ONIMBOTMESSAGEADD').examplePayloads['Personal chat with the bot']!
    const data = message.data as Record<string, unknown>
    for (const BOT of [[{ BOT_CODE: 'no id' }], [{ BOT_ID: '0', BOT_CODE: 'x' }], { 0: { BOT_ID: '3', BOT_CODE: 'x' } }]) {
      let error: unknown
      try {
        decodeEvent({ ...message, data: { ...data, BOT } })
      } catch (caught) {
        error = caught
      }
      expect(EventDecodeError.isInstance(error)).toBe(true)
      expect((error as EventDecodeError).issues[0]?.path).toMatch(/^data\.BOT\.0/)
    }
  })
})

describe("an event read by Node's querystring (express.urlencoded({ extended: false })) and encoded again decodes as the form body does", () => {
  it.each(bodies)('%s', (_label, body) => {
    const flat = querystringParse(body) as Record<string, FormInput>
    expect(Object.keys(flat).some((key) => key.includes('['))).toBe(true)
    expect(decodeEvent(decodeForm(encodeForm(flat)))).toEqual(decodeEvent(decodeForm(body)))
  })
})
