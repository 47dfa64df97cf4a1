import { existsSync, readFileSync, writeFileSync } from 'node:fs'

/**
 * The results of one `pnpm bench` run, in bench/results.json. Vitest runs each bench file in its own
 * process, one after the other: each records its rows here (read, add, write), the global setup starts
 * the file afresh and prints the whole table at the end (see global-setup.ts).
 */
const resultsFile: URL = new URL('../results.json', import.meta.url)

/** What results.json holds. */
export interface ResultsFile {
  readonly date: string
  readonly node: string
  readonly results: Record<string, Record<string, unknown>>
}

/** A fresh, empty results file for this run. */
export function startResults(): void {
  writeResults({ date: new Date().toISOString(), node: process.version, results: {} })
}

/** What results.json holds now (an empty run when there is none). */
export function readResults(): ResultsFile {
  if (!existsSync(resultsFile)) return { date: new Date().toISOString(), node: process.version, results: {} }
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as ResultsFile
}

function writeResults(file: ResultsFile): void {
  const results = Object.fromEntries(Object.entries(file.results).sort(([a], [b]) => a.localeCompare(b)))
  writeFileSync(resultsFile, `${JSON.stringify({ ...file, results }, null, 2)}\n`)
}

/** Adds (or replaces) one row of this run's results. */
export function record(name: string, row: Record<string, unknown>): void {
  const file = readResults()
  writeResults({ ...file, results: { ...file.results, [name]: row } })
}
