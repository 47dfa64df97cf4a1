import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8')
const manifest = JSON.parse(read('../package.json')) as { name: string; bin: Record<string, string> }

/**
 * The executable `npx <package>` runs, by npm's rule (libnpmexec `getBinFromManifest`): the bin when
 * every bin entry points at one file, else the bin named like the package without its scope, else none.
 */
function npxBin(pkg: { name: string; bin: Record<string, string> }): string | undefined {
  if (new Set(Object.values(pkg.bin)).size === 1) return Object.keys(pkg.bin)[0]
  const unscoped = pkg.name.replace(/^@[^/]+\//, '')
  return pkg.bin[unscoped] === undefined ? undefined : unscoped
}

describe('npx @b24bot/emulator', () => {
  it('runs the emulator: npm picks our only bin, built from src/bin.ts, a node script', () => {
    expect(manifest.name).toBe('@b24bot/emulator')
    const bin = npxBin(manifest)
    expect(bin).toBe('b24bot-emulator')
    expect(manifest.bin[bin ?? '']).toBe('./dist/bin.js')
    expect(read('../tsdown.config.ts')).toContain("'src/bin.ts'")
    expect(read('./bin.ts').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('is the command the docs give: `npx b24bot-emulator` would fetch an unrelated unscoped package', () => {
    for (const text of [read('../README.md'), read('../../../README.md'), read('./cli.ts')]) {
      expect(text).not.toMatch(/npx b24bot-emulator/)
    }
    expect(read('../README.md')).toContain('npx @b24bot/emulator --help')
    expect(read('../../../README.md')).toContain('npx @b24bot/emulator')
  })
})
