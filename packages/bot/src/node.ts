/**
 * `@b24bot/bot/node`: what needs Node (or a runtime with its `node:http` and `node:fs`): the
 * `node:http` and Express adapters of the intake, and the file offset store. The package root stays
 * Web-standard and loads no `node:*` module.
 *
 * @module @b24bot/bot/node
 */
export { toExpressHandler, toNodeHandler, type ExpressHandler, type NodeHandler, type NodeHandlerOptions } from './node/http-handler.ts'
export { fileOffsetStore } from './node/file-offset-store.ts'
