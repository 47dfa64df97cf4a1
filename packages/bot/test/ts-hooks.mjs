// Node module hooks that let a child process run this repository's TypeScript sources as they are,
// the way vitest does: `@b24bot/<name>` resolves to `packages/<name>/src/index.ts` (no build needed),
// and `.ts` files are transpiled with the repository's own `typescript` (types erased, nothing checked).
// Registered by `register-ts.mjs`; see docs/decisions/030-polling-runner.md.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import process from 'node:process'
import { join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import ts from 'typescript'

/** Transpiled sources, by a hash of the source text: children started one after another transpile each file once. */
const cacheDir = join(tmpdir(), `b24bot-ts-hooks-${ts.version}`)

const packagesDir = new URL('../../', import.meta.url)

export async function resolve(specifier, context, nextResolve) {
  const workspace = /^@b24bot\/([\w-]+)$/.exec(specifier)
  if (workspace) return { url: new URL(`${workspace[1]}/src/index.ts`, packagesDir).href, shortCircuit: true }
  return nextResolve(specifier, context)
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const source = await readFile(new URL(url), 'utf8')
  const cached = join(cacheDir, `${createHash('sha256').update(url).update('\0').update(source).digest('hex')}.js`)
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true }
  } catch {
    // Not transpiled yet.
  }
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, inlineSourceMap: true },
  })
  // Written whole under a unique name first, so a child never reads half a file another one writes.
  const partial = `${cached}.${String(process.pid)}.${String(Math.random()).slice(2)}`
  try {
    await mkdir(cacheDir, { recursive: true })
    await writeFile(partial, outputText)
    await rename(partial, cached)
  } catch {
    // A cache that cannot be written only costs time.
  }
  return { format: 'module', source: outputText, shortCircuit: true }
}
