import { readdirSync, readFileSync } from 'node:fs'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import methodNames from './__fixtures__/method-names.json' with { type: 'json' }
import { expectInvalid } from '../test/expect-invalid.ts'
import { methods } from './methods.ts'

interface Example {
  readonly method: string
  readonly params: unknown
  readonly response: { readonly result: unknown }
}

const fixtureDir = new URL('./__fixtures__/', import.meta.url)
const examples = ['examples', 'examples-v2'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, fixtureDir))
    .filter((file) => file.endsWith('.json') && file !== 'batch.json')
    .map((file) => [`${folder}/${file}`, JSON.parse(readFileSync(new URL(`${folder}/${file}`, fixtureDir), 'utf8')) as Example] as const),
)
const table: Readonly<Record<string, (typeof methods)[keyof typeof methods]>> = methods

describe('the methods table', () => {
  it('binds exactly the 67 methods of the spec', () => {
    expect(Object.keys(methods).sort()).toEqual([...methodNames].sort())
    expect(methodNames).toHaveLength(67)
  })

  it.each(Object.values(table))('$method refuses an unknown param before any request', async (descriptor) => {
    await expectInvalid(descriptor, { NOT_A_PARAM: 1 }, 'NOT_A_PARAM')
  })
})

describe('fixture replay', () => {
  it.each(examples)('%s: the request passes the params schema and the response parses', (_file, example) => {
    const descriptor = table[example.method]
    if (!descriptor) throw new Error(`no descriptor for ${example.method}`)
    const params = v.safeParse(descriptor.params, example.params)
    expect(params.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([])
    const result = v.safeParse(descriptor.result, example.response.result)
    expect(result.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([])
  })
})
