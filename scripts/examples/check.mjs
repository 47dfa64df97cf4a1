// Type-checks every JSDoc `@example` of the publishable packages, so that none can rot (`npm run examples`, part of
// `npm test`).
//
// For each package's `src/**/*.ts` (not tests, not `src/generated/**`: those are copies of the descriptors' JSDoc,
// checked through the descriptors), every ```ts fence inside an `@example` block becomes its own module in an
// in-memory compiler host, beside its source file: it resolves that package's dependencies, a relative import as
// written, and `@b24bot/*` through tsconfig.base.json's `paths`, that is against the source. Nothing is
// auto-imported: an example imports what it uses, uses one of the few names `prelude` below declares, or
// `declare`s what it only stands in for (the reader's own store, say). All are type-checked at once with the
// workspace's strict settings; each failure prints as `file:line: message`.
//
// A deliberately partial example may be exempted in its fence's info string, with the reason:
// ```ts partial: <why it cannot compile on its own>. Prefer fixing the example: exemptions must be rare.

import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The publishable packages, whose examples users read on npm, in their editors and in the API reference. */
const packages = ['core', 'transport', 'imbot', 'bot', 'redis', 'emulator']

/**
 * The names an example may use without importing them, each typed from a package's public exports: the objects a
 * reader already has in hand at that point of the docs (a client, the bound methods, a decoded event, a bot, a
 * handler's context, an emulator). Anything else an example uses, it imports.
 */
const prelude = `import type { Client } from '@b24bot/transport'
import type { ImbotApi, ImbotEvent } from '@b24bot/imbot'
import type { Bot, Context } from '@b24bot/bot'
import type { Emulator } from '@b24bot/emulator'

declare global {
  /** A client from \`createClient\` (\`@b24bot/transport\`). */
  const client: Client
  /** The bound bot methods, \`imbot(client)\` (\`@b24bot/imbot\`). */
  const api: ImbotApi
  /** A decoded event, what \`decodeEvent\` returns (\`@b24bot/imbot\`). */
  const event: ImbotEvent
  /** A bot from \`createBot\` (\`@b24bot/bot\`). */
  const bot: Bot
  /** The context a bot's handler receives (\`@b24bot/bot\`). */
  const ctx: Context
  /** A running emulator, \`await startEmulator()\` (\`@b24bot/emulator\`). */
  const emulator: Emulator
}
`

/** `src/**\/*.ts` of a package, without tests, type tests and generated code. */
function sourceFiles(dir) {
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== '__fixtures__') files.push(...sourceFiles(path))
    } else if (entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path)
    }
  }
  return files
}

/**
 * The ```ts fences of the `@example` blocks of one file's JSDoc comments, each with the file line of its first
 * code line (1-based).
 */
function examplesOf(file) {
  const text = readFileSync(file, 'utf8')
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false)
  const comments = new Map() // start -> text, each JSDoc once (a comment leads every node that starts after it)
  const visit = (node) => {
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (range.kind === ts.SyntaxKind.MultiLineCommentTrivia) comments.set(range.pos, text.slice(range.pos, range.end))
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  const examples = []
  for (const [start, comment] of comments) {
    if (!comment.startsWith('/**') || !comment.includes('@example')) continue
    const firstLine = sourceFile.getLineAndCharacterOfPosition(start).line + 1
    const lines = comment
      .slice(3, -2)
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
    let inExample = false
    let fence // { info, indent, code: [], line }
    for (const [index, line] of lines.entries()) {
      if (fence) {
        if (line.trim() === '```') {
          if (fence.lang) examples.push({ file, line: fence.line, info: fence.info, code: fence.code.join('\n') })
          fence = undefined
        } else fence.code.push(line.slice(Math.min(fence.indent, line.length - line.trimStart().length)))
        continue
      }
      const open = /^(\s*)```\s*(.*)$/.exec(line)
      if (open) {
        const info = open[2].trim()
        const lang = inExample && /^(ts|typescript)\b/.test(info)
        fence = { info, lang, indent: open[1].length, code: [], line: firstLine + index + 1 }
        continue
      }
      const tag = /^\s*@(\w+)/.exec(line)
      if (tag) inExample = tag[1] === 'example'
    }
  }
  return examples
}

const started = performance.now()
const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile)
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
const options = {
  ...parsed.options,
  noEmit: true,
  composite: false,
  declaration: false,
  declarationMap: false,
  emitDeclarationOnly: false,
  incremental: false,
  isolatedDeclarations: false,
  noUnusedLocals: false,
  noUnusedParameters: false,
}

const virtual = new Map() // path -> { text, example }
const exempt = []
let count = 0
for (const name of packages) {
  const pkgDir = join(root, 'packages', name)
  for (const file of sourceFiles(join(pkgDir, 'src'))) {
    for (const [index, example] of examplesOf(file).entries()) {
      count++
      const rel = relative(root, file)
      if (/^(ts|typescript)\s+partial\b/.test(example.info)) {
        const reason = example.info.replace(/^\S+\s+partial\s*:?\s*/, '')
        if (!reason) {
          console.error(`${rel}:${example.line}: a partial example must say why, as \`\`\`ts partial: <reason>`)
          process.exitCode = 1
        }
        exempt.push(`${rel}:${example.line}: ${reason}`)
        continue
      }
      // Beside its source file: a relative import in an example of an internal module resolves as written.
      const path = file.replace(/\.ts$/, `.example-${index + 1}.ts`)
      virtual.set(path, { text: example.code + '\n', example: { ...example, pkg: name, rel } })
    }
  }
}
const preludePath = join(root, 'packages', '.examples-prelude.d.ts')
virtual.set(preludePath, { text: prelude })

const host = ts.createCompilerHost(options, true)
const { fileExists, readFile, getSourceFile } = host
host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path)
host.readFile = (path) => virtual.get(path)?.text ?? readFile.call(host, path)
host.getSourceFile = (path, languageVersion, onError, shouldCreate) => {
  const entry = virtual.get(path)
  if (entry) return ts.createSourceFile(path, entry.text, languageVersion, true)
  return getSourceFile.call(host, path, languageVersion, onError, shouldCreate)
}

const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host })
const failures = new Map(packages.map((name) => [name, []]))
for (const diagnostic of program.getOptionsDiagnostics()) {
  console.error(`compiler options: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
  process.exitCode = 1
}
const preludeFile = program.getSourceFile(preludePath)
for (const diagnostic of [...program.getSyntacticDiagnostics(preludeFile), ...program.getSemanticDiagnostics(preludeFile)]) {
  console.error(`the prelude in scripts/examples/check.mjs: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
  process.exitCode = 1
}
for (const [path, { example }] of virtual) {
  if (!example) continue
  const sourceFile = program.getSourceFile(path)
  for (const diagnostic of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
    const { line } = diagnostic.start === undefined ? { line: 0 } : sourceFile.getLineAndCharacterOfPosition(diagnostic.start)
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ')
    failures.get(example.pkg).push(`${example.rel}:${example.line + line}: TS${diagnostic.code}: ${message}`)
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1)
let failed = 0
for (const [name, lines] of failures) {
  if (lines.length === 0) continue
  failed += lines.length
  console.error(`\n@b24bot/${name}: ${lines.length} error(s)`)
  for (const line of lines) console.error(`  ${line}`)
}
if (exempt.length > 0) console.log(`\nexempt (partial) examples:\n${exempt.map((line) => `  ${line}`).join('\n')}`)
console.log(`\n${count} examples in ${packages.length} packages, ${virtual.size - 1} type-checked in ${seconds} s`)
if (failed > 0) {
  console.error(`${failed} error(s) in examples`)
  process.exitCode = 1
}
