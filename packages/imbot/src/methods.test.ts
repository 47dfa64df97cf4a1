import { readdirSync, readFileSync } from 'node:fs'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import methodNames from './__fixtures__/method-names.json' with { type: 'json' }
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
  it('binds only methods of the spec', () => {
    expect(Object.keys(methods).filter((name) => !methodNames.includes(name))).toEqual([])
  })

  // Issue 3 in progress: becomes a plain `it` once every method is bound.
  const missing = methodNames.filter((name) => !(name in table))
  it.todo(`binds every method of the spec (${missing.length} to go)`)
})

describe('fixture replay', () => {
  const bound = examples.filter(([, example]) => example.method in table)
  for (const [file] of examples.filter(([, example]) => !(example.method in table))) it.todo(`${file} (method not bound yet)`)

  it.each(bound)('%s: the request passes the params schema and the response parses', (_file, example) => {
    const descriptor = table[example.method]
    if (!descriptor) throw new Error(`no descriptor for ${example.method}`)
    const params = v.safeParse(descriptor.params, example.params)
    expect(params.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([])
    const result = v.safeParse(descriptor.result, example.response.result)
    expect(result.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([])
  })
})
