import { readdirSync, readFileSync } from 'node:fs'

/**
 * The folder holding the fixtures (`events.json`, `method-names.json`, `examples/`, `examples-v2/`).
 *
 * @example
 * const dir = fixturesDir
 * readdirSync(new URL('examples-v2/', dir))
 */
export const fixturesDir: URL = new URL('./', import.meta.url)

/** The folders of docs examples: `examples/` (classic and v2 pages), `examples-v2/` (the v2 reference). */
export type ExampleFolder = 'examples' | 'examples-v2'

/**
 * The URL of one fixture file, for `readFileSync` or `readdirSync`.
 *
 * @param path - relative to the fixtures folder, such as `events.json` or `examples-v2/imbot.v2.Bot.get.json`
 * @example
 * readFileSync(fixtureUrl('examples/imbot.chat.get.json'), 'utf8')
 */
export function fixtureUrl(path: string): URL {
  return new URL(path, fixturesDir)
}

/**
 * One fixture file, parsed. The caller states the shape it expects (`as SpecEvent[]`).
 *
 * @param path - relative to the fixtures folder
 * @example
 * const example = readFixture('examples-v2/imbot.v2.Chat.get.json') as { response: { result: unknown } }
 */
export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(fixtureUrl(path), 'utf8'))
}

/**
 * The spec's events (`events.json`): each event's name, field paths and the docs' example payload.
 *
 * @example
 * const spec = readEventsSpec() as SpecEvent[]
 */
export function readEventsSpec(): unknown {
  return readFixture('events.json')
}

/**
 * One docs example, `{ method, params, response }`, from `examples-v2/` unless another folder is named.
 *
 * @param method - the method name, such as `imbot.v2.Chat.get`
 * @example
 * const example = readExample('imbot.chat.get', 'examples') as { response: { result: unknown } }
 */
export function readExample(method: string, folder: ExampleFolder = 'examples-v2'): unknown {
  return readFixture(`${folder}/${method}.json`)
}

/**
 * The file names (`imbot.v2.Bot.get.json`, ...) of one folder of docs examples, sorted.
 *
 * @example
 * for (const file of exampleFiles('examples')) readFixture(`examples/${file}`)
 */
export function exampleFiles(folder: ExampleFolder): string[] {
  return readdirSync(fixtureUrl(`${folder}/`))
    .filter((file) => file.endsWith('.json'))
    .sort()
}
