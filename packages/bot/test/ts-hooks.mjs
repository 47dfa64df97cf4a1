// Node module hooks that let a child process run this repository's TypeScript sources as they are,
// the way vitest does: `@b24bot/<name>` resolves to `packages/<name>/src/index.ts` (no build needed),
// and `.ts` files are transpiled with the repository's own `typescript` (types erased, nothing checked).
// Registered by `register-ts.mjs`; see docs/decisions/030-polling-runner.md.
import { readFile } from 'node:fs/promises'
import { fileURLToPath, URL } from 'node:url'
import ts from 'typescript'

const packagesDir = new URL('../../', import.meta.url)

export async function resolve(specifier, context, nextResolve) {
  const workspace = /^@b24bot\/([\w-]+)$/.exec(specifier)
  if (workspace) return { url: new URL(`${workspace[1]}/src/index.ts`, packagesDir).href, shortCircuit: true }
  return nextResolve(specifier, context)
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const source = await readFile(new URL(url), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, inlineSourceMap: true },
  })
  return { format: 'module', source: outputText, shortCircuit: true }
}
