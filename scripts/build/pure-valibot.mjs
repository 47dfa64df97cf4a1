// A build plugin of every package (tsdown.base.ts): marks the valibot calls of the built code as pure.
import MagicString from 'magic-string'

/**
 * valibot functions whose call does something besides making a value: they throw on bad input
 * (`parse`, `assert`) or change valibot's global settings. A call of one of them is never marked,
 * so that a bundler keeps it even when its result goes unused.
 */
const effectful = /^(?:parse|parseAsync|assert|set[A-Z]\w*|delete[A-Z]\w*)$/

/**
 * @typedef {{ readonly type: string, readonly start: number, readonly [key: string]: unknown }} Node
 *   An ESTree node, as far as this walk reads one.
 */

/** @param {unknown} value @returns {value is Node} */
const isNode = (value) =>
  typeof value === 'object' && value !== null && typeof (/** @type {{ type?: unknown }} */ (value).type) === 'string'

/**
 * Every node under `root`, depth first.
 * @param {Node} root
 * @returns {Node[]}
 */
function nodesOf(root) {
  const nodes = []
  const stack = [root]
  while (stack.length > 0) {
    const node = /** @type {Node} */ (stack.pop())
    nodes.push(node)
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) if (isNode(item)) stack.push(item)
      if (isNode(value)) stack.push(value)
    }
  }
  return nodes
}

/**
 * Marks each call of a valibot function (`v.object(...)`, `v.pipe(...)`) in the built code with
 * `/* @__PURE__ *\/`, so that a bundler drops a schema its user's code never reaches.
 *
 * valibot marks its functions `@__NO_SIDE_EFFECTS__` where it declares them, which esbuild honours
 * only within that file: in our modules, `const x = v.strictObject({...})` counted as a side effect,
 * and a bot that sends one message kept every schema of the modules it touched (1.4 kB gzipped).
 * The annotation says at the call what valibot says at the declaration; calls that throw or change
 * valibot's settings (`parse`, `assert`, `setGlobalConfig`, ...) stay unmarked. Decision 040.
 *
 * @returns {import('tsdown').Rolldown.Plugin}
 */
export function pureValibotCalls() {
  return {
    name: 'b24bot:pure-valibot-calls',
    renderChunk(code, chunk) {
      if (chunk.fileName.endsWith('.d.ts') || !code.includes('valibot')) return null
      const nodes = nodesOf(/** @type {Node} */ (/** @type {unknown} */ (this.parse(code))))
      /** @type {Set<string>} */
      const namespaces = new Set()
      for (const node of nodes) {
        if (node.type !== 'ImportDeclaration' || /** @type {{ value?: unknown }} */ (node.source).value !== 'valibot') continue
        for (const specifier of /** @type {Node[]} */ (node.specifiers))
          if (specifier.type === 'ImportNamespaceSpecifier') namespaces.add(/** @type {{ name: string }} */ (specifier.local).name)
      }
      if (namespaces.size === 0) return null
      const output = new MagicString(code)
      for (const node of nodes) {
        if (node.type !== 'CallExpression') continue
        const callee = /** @type {Node} */ (node.callee)
        if (callee.type !== 'MemberExpression' || callee.computed === true) continue
        const object = /** @type {Node & { name?: string }} */ (callee.object)
        const property = /** @type {Node & { name?: string }} */ (callee.property)
        if (object.type !== 'Identifier' || !namespaces.has(object.name ?? '') || effectful.test(property.name ?? '')) continue
        // The parser's offsets must be the code's: a call whose text is not where it says fails the build.
        if (!code.startsWith(`${object.name ?? ''}.`, node.start))
          throw new Error(`pureValibotCalls: offset ${String(node.start)} of ${chunk.fileName} is not a call of ${object.name ?? ''}`)
        output.appendLeft(node.start, '/* @__PURE__ */ ')
      }
      return { code: output.toString(), map: output.generateMap({ hires: true }) }
    },
  }
}
