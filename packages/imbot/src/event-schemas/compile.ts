/**
 * A fast path for the event schemas: each valibot schema compiled once into a plain function that
 * gives exactly the output valibot gives for an input it accepts, and {@link MISMATCH} for any input
 * valibot refuses. It builds no datasets and no issues, so a valid event costs a fraction of a
 * `v.safeParse`; for an invalid one the caller runs valibot itself, for its issues.
 *
 * It reads the schemas' public properties (`type`, `entries`, `wrapped`, `default`, `options`, `pipe`,
 * `operation`, `requirement`, ...) and mirrors valibot's semantics for the kinds the event schemas
 * are made of. Any other kind, and any option it does not mirror (function defaults, fallbacks,
 * stateful regexes), is run by `v.safeParse` itself, so the result is valibot's in every case.
 */
import * as v from 'valibot'

/** What a compiled schema returns for an input its schema refuses. */
export const MISMATCH: unique symbol = Symbol('mismatch')

/** A compiled schema: the output for `input`, or {@link MISMATCH}. */
export type CompiledSchema = (input: unknown) => unknown

/** The public properties of a valibot schema or action that the compiler reads. */
interface Node {
  readonly kind: string
  readonly type: string
  readonly async: boolean
  readonly pipe?: readonly Node[]
  readonly wrapped?: Node
  readonly default?: unknown
  readonly fallback?: unknown
  readonly entries?: Readonly<Record<string, Node>>
  readonly options?: readonly unknown[]
  readonly literal?: unknown
  readonly key?: Node
  readonly value?: Node
  readonly item?: Node
  readonly check?: (input: unknown) => unknown
  readonly operation?: (input: unknown) => unknown
  readonly requirement?: unknown
}

const compiled: WeakMap<object, CompiledSchema> = new WeakMap()

/**
 * The compiled form of `schema`, made on first use and kept.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import { compileSchema, MISMATCH } from './compile.ts'
 *
 * const schema = v.object({ id: v.number() })
 * const input: unknown = { id: 7 }
 * const run = compileSchema(schema)
 * const output = run(input)
 * const value = output === MISMATCH ? v.parse(schema, input) : output // throws valibot's issues
 * ```
 */
export function compileSchema(schema: v.GenericSchema): CompiledSchema {
  return compileNode(schema)
}

function compileNode(node: Node): CompiledSchema {
  let run = compiled.get(node)
  if (run === undefined) {
    run = build(node) ?? valibotRun(node)
    compiled.set(node, run)
  }
  return run
}

/** The schema run by valibot itself: for kinds the compiler does not mirror. */
function valibotRun(node: Node): CompiledSchema {
  const schema = node as unknown as v.GenericSchema
  return (input) => {
    const result = v.safeParse(schema, input)
    return result.success ? result.output : MISMATCH
  }
}

/** Valibot's `_isValidObjectKey`: an own key that does not name a prototype. */
function isValidKey(object: object, key: string): boolean {
  return Object.hasOwn(object, key) && key !== '__proto__' && key !== 'prototype' && key !== 'constructor'
}

const optionalTypes: ReadonlySet<string> = new Set(['exact_optional', 'optional', 'nullish'])

/** The compiled schema, or `undefined` when valibot must run it. */
function build(node: Node): CompiledSchema | undefined {
  // `v.fallback` wraps a schema in a copy of it that runs differently: valibot runs that.
  if (node.kind !== 'schema' || node.async || node.fallback !== undefined) return undefined
  if (node.pipe !== undefined) return buildPipe(node.pipe)
  switch (node.type) {
    case 'string':
      return (input) => (typeof input === 'string' ? input : MISMATCH)
    case 'number':
      return (input) => (typeof input === 'number' && !Number.isNaN(input) ? input : MISMATCH)
    case 'boolean':
      return (input) => (typeof input === 'boolean' ? input : MISMATCH)
    case 'null':
      return (input) => (input === null ? input : MISMATCH)
    case 'unknown':
    case 'any':
      return (input) => input
    case 'literal': {
      const literal = node.literal
      // SameValueZero, as valibot compares literals.
      return (input) => (input === literal || (Number.isNaN(input) && Number.isNaN(literal)) ? input : MISMATCH)
    }
    case 'picklist': {
      const options = node.options ?? []
      return (input) => (options.includes(input) ? input : MISMATCH)
    }
    case 'custom': {
      const check = node.check
      if (check === undefined) return undefined
      return (input) => (check(input) ? input : MISMATCH)
    }
    case 'exact_optional':
      return node.wrapped && compileNode(node.wrapped)
    case 'optional':
      return buildDefaulted(node, undefined)
    case 'nullable':
      return buildDefaulted(node, null)
    case 'loose_object':
      return buildLooseObject(node)
    case 'record':
      return buildRecord(node)
    case 'array':
      return buildArray(node)
    case 'union':
      return buildUnion(node)
    default:
      return undefined
  }
}

/** `optional` (`empty` undefined) and `nullable` (`empty` null): the default for `empty`, then the wrapped schema. */
function buildDefaulted(node: Node, empty: undefined | null): CompiledSchema | undefined {
  if (node.wrapped === undefined || typeof node.default === 'function') return undefined
  const wrapped = compileNode(node.wrapped)
  const fallback = node.default
  return (input) => {
    const value = input === empty && fallback !== undefined ? fallback : input
    return value === empty ? value : wrapped(value)
  }
}

function buildLooseObject(node: Node): CompiledSchema | undefined {
  const entries = node.entries
  if (entries === undefined) return undefined
  const keys = Object.keys(entries)
  const list: { key: string; run: CompiledSchema; optional: boolean; fallback: unknown }[] = []
  for (const key of keys) {
    const entry = entries[key]
    if (entry === undefined || entry.fallback !== undefined || typeof entry.default === 'function') return undefined
    const optional = optionalTypes.has(entry.type)
    list.push({ key, run: compileNode(entry), optional, fallback: optional ? entry.default : undefined })
  }
  return (input) => {
    if (!input || typeof input !== 'object') return MISMATCH
    const record = input as Record<string, unknown>
    const output: Record<string, unknown> = {}
    for (const { key, run, optional, fallback } of list) {
      let value: unknown
      if (key in record) value = record[key]
      else if (fallback !== undefined) value = fallback
      else if (optional) continue
      else return MISMATCH
      const result = run(value)
      if (result === MISMATCH) return MISMATCH
      output[key] = result
    }
    for (const key in record) if (isValidKey(record, key) && !Object.hasOwn(entries, key)) output[key] = record[key]
    return output
  }
}

function buildRecord(node: Node): CompiledSchema | undefined {
  if (node.key === undefined || node.value === undefined) return undefined
  const keyRun = compileNode(node.key)
  const valueRun = compileNode(node.value)
  return (input) => {
    if (!input || typeof input !== 'object') return MISMATCH
    const record = input as Record<string, unknown>
    const output: Record<PropertyKey, unknown> = {}
    for (const key in record) {
      if (!isValidKey(record, key)) continue
      const outputKey = keyRun(key)
      const value = valueRun(record[key])
      if (outputKey === MISMATCH || value === MISMATCH) return MISMATCH
      output[outputKey as PropertyKey] = value
    }
    return output
  }
}

function buildArray(node: Node): CompiledSchema | undefined {
  if (node.item === undefined) return undefined
  const itemRun = compileNode(node.item)
  return (input) => {
    if (!Array.isArray(input)) return MISMATCH
    const output: unknown[] = []
    for (const item of input as unknown[]) {
      const result = itemRun(item)
      if (result === MISMATCH) return MISMATCH
      output.push(result)
    }
    return output
  }
}

function buildUnion(node: Node): CompiledSchema | undefined {
  const runs = (node.options ?? []).map((option) => compileNode(option as Node))
  return (input) => {
    for (const run of runs) {
      const result = run(input)
      if (result !== MISMATCH) return result
    }
    return MISMATCH
  }
}

/** One step of a pipe after its schema: a value in, a value (or {@link MISMATCH}) out. */
type Step = (value: unknown) => unknown

function buildStep(item: Node): Step | undefined {
  if (item.kind === 'schema') return compileNode(item)
  if (item.kind === 'transformation') {
    const operation = item.operation
    return item.type === 'transform' && operation !== undefined && !item.async ? operation : undefined
  }
  if (item.kind !== 'validation' || item.async) return undefined
  const requirement = item.requirement
  const when =
    (test: (value: never) => unknown): Step =>
    (value) =>
      test(value as never) ? value : MISMATCH
  switch (item.type) {
    case 'regex':
      if (!(requirement instanceof RegExp) || requirement.global || requirement.sticky) return undefined
      return when((value: string) => requirement.test(value))
    case 'safe_integer':
    case 'finite':
    case 'integer':
    case 'check':
      if (typeof requirement !== 'function') return undefined
      return when((value) => (requirement as (input: unknown) => unknown)(value))
    case 'min_value':
      return when((value: number) => value >= (requirement as number))
    default:
      return undefined
  }
}

function buildPipe(items: readonly Node[]): CompiledSchema | undefined {
  const steps: Step[] = []
  for (const item of items) {
    if (item.kind === 'metadata') continue
    const step = buildStep(item)
    if (step === undefined) return undefined
    steps.push(step)
  }
  return (input) => {
    let value = input
    for (const step of steps) {
      value = step(value)
      if (value === MISMATCH) return MISMATCH
    }
    return value
  }
}
