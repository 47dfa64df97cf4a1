import { describe, expect, it } from 'vitest'
import methodNames from './method-names.json' with { type: 'json' }
import chatGet from './examples/imbot.chat.get.json' with { type: 'json' }
import { exampleFiles, fixtureUrl, readEventsSpec, readExample, readFixture } from './index.ts'

describe('spec fixtures', () => {
  it('reads the events of the spec', () => {
    const events = readEventsSpec() as { event: string }[]
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((event) => typeof event.event === 'string')).toBe(true)
  })

  it('lists every docs example by file name, one method each', () => {
    for (const folder of ['examples', 'examples-v2'] as const) {
      const files = exampleFiles(folder)
      expect(files.length).toBeGreaterThan(0)
      for (const file of files.filter((name) => name !== 'batch.json')) {
        expect(readFixture(`${folder}/${file}`)).toMatchObject({ method: file.replace(/\.json$/, '') })
      }
    }
  })

  it('gives the same file to a JSON import and to the readers', () => {
    expect(readExample('imbot.chat.get', 'examples')).toEqual(chatGet)
    expect(readFixture('method-names.json')).toEqual(methodNames)
    expect(fixtureUrl('events.json').protocol).toBe('file:')
  })
})
