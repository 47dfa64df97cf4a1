import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import botListExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Bot.list.json' with { type: 'json' }
import { imbotV2BotList } from './imbot.v2.Bot.list.ts'

describe('imbot.v2.Bot.list', () => {
  it('accepts paging without botId', () => {
    expect(v.safeParse(imbotV2BotList.params, { limit: 10, offset: 0 }).success).toBe(true)
    expect(v.safeParse(imbotV2BotList.params, {}).success).toBe(true)
  })

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ offset: 1.5 }, 'offset'],
    [{ filter: { type: 'robot' } }, 'filter.type'],
    [{ filter: { code: 'x' } }, 'filter.code'],
    [{ botId: 456 }, 'botId'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotV2BotList, input, field)
  })

  it('reads { bots, users, hasNextPage }, counters and ids as numbers', () => {
    const raw = { ...botListExample.response.result, bots: [{ ...botListExample.response.result.bots[0], id: '456', countChat: '12' }] }
    expect(v.parse(imbotV2BotList.result, raw)).toMatchObject({ bots: [{ id: 456, countChat: 12 }], hasNextPage: false })
    expect(v.parse(imbotV2BotList.result, { bots: [], hasNextPage: false })).toEqual({ bots: [], users: [], hasNextPage: false })
  })
})
