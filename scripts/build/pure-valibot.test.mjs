// `node --test scripts/build/`: the build plugin, through a real tsdown build and a real esbuild bundle.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import * as esbuild from 'esbuild'
import { build } from 'tsdown'
import { pureValibotCalls } from './pure-valibot.mjs'

const dir = mkdtempSync(join(tmpdir(), 'b24bot-pure-'))
let built = ''

before(async () => {
  mkdirSync(join(dir, 'src'))
  // A module as ours are: schemas at the top level, one of them used, one valibot call for its effect.
  writeFileSync(
    join(dir, 'src/index.ts'),
    [
      "import * as v from 'valibot'",
      "import * as other from './other.ts'",
      "export const used = v.pipe(v.string(), v.minLength(1, 'unused-message-one'))",
      "export const unused = v.strictObject({ name: v.string('unused-message-two') })",
      "v.parse(used, 'checked at load')",
      "v.setGlobalConfig({ lang: 'en' })",
      "export const notValibot = other.make('kept-as-it-is')",
      '/** A comment naming v.object(...) stays a comment. */',
      "export const text = 'v.object( in a string'",
    ].join('\n'),
  )
  writeFileSync(join(dir, 'src/other.ts'), 'export function make(value: string): string {\n  return value\n}\n')
  await build({
    cwd: dir,
    entry: ['src/index.ts'],
    format: 'esm',
    dts: false,
    unbundle: true,
    external: ['valibot'],
    plugins: [pureValibotCalls()],
    logLevel: 'silent',
    config: false,
  })
  built = readFileSync(join(dir, 'dist/index.mjs'), 'utf8')
})
after(() => rmSync(dir, { recursive: true, force: true }))

test('marks the calls that make schemas and actions', () => {
  for (const call of ['v.pipe(', 'v.string(', 'v.minLength(', 'v.strictObject('])
    assert.ok(built.includes(`/* @__PURE__ */ ${call}`), `${call} is marked in\n${built}`)
})

test('leaves calls that throw or change settings, other calls, comments and strings as they are', () => {
  assert.ok(!built.includes('/* @__PURE__ */ v.parse('), built)
  assert.ok(!built.includes('/* @__PURE__ */ v.setGlobalConfig('), built)
  assert.ok(!/@__PURE__ \*\/ (?:other\.)?make\(/.test(built), built)
  assert.ok(built.includes("'v.object( in a string'") || built.includes('"v.object( in a string"'), built)
})

test('a bundler then drops the schema nobody uses, and keeps the effects', async () => {
  const entry = join(dir, 'entry.mjs')
  writeFileSync(entry, "import { used } from './dist/index.mjs'\nexport { used }\n")
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['valibot'],
  })
  const bundle = result.outputFiles[0].text
  assert.ok(bundle.includes('unused-message-one'), bundle)
  assert.ok(!bundle.includes('unused-message-two'), bundle)
  assert.ok(bundle.includes('checked at load'), bundle)
  assert.ok(bundle.includes('setGlobalConfig'), bundle)
  assert.ok(bundle.includes('kept-as-it-is'), bundle)
})
