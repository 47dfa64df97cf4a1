import { describe, expect, it } from 'vitest'
import { append } from './request-log.ts'
import { startEmulator } from '../start-emulator.ts'

describe('the portal logs are bounded', () => {
  it('append keeps the latest entries, never more than a quarter over the size, over a million appends', () => {
    const log: number[] = []
    let longest = 0
    for (let index = 0; index < 1_000_000; index++) {
      append(log, index, 10_000)
      longest = Math.max(longest, log.length)
    }
    expect(longest).toBeLessThanOrEqual(12_500)
    expect(log.at(-1)).toBe(999_999)
    expect(log.length).toBeGreaterThanOrEqual(10_000)
    // In order, with nothing missing between the oldest kept and the newest.
    expect(log.every((value, index) => index === 0 || value === (log[index - 1] ?? 0) + 1)).toBe(true)
  })

  it('startEmulator({ logSize }) bounds requests and calls; the latest request is always there', async () => {
    const emulator = await startEmulator({ logSize: 20 })
    try {
      for (let index = 0; index < 60; index++) {
        await fetch(`${emulator.webhookUrl}imbot.chat.get`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ENTITY_TYPE: 'T', ENTITY_ID: String(index) }),
        })
      }
      expect(emulator.portal.requests.length).toBeLessThanOrEqual(25)
      expect(emulator.portal.calls.length).toBeLessThanOrEqual(25)
      expect(emulator.portal.requests.at(-1)?.params).toMatchObject({ ENTITY_ID: '59' })
    } finally {
      await emulator.close()
    }
  })

  it('refuses a log size that is not a positive whole number', async () => {
    await expect(startEmulator({ logSize: 0 })).rejects.toThrow(RangeError)
  })
})
