// `node --import ./test/register-ts.mjs some-file.ts`: runs TypeScript sources of this repository on
// Node 20 without a build step (see ts-hooks.mjs).
import { register } from 'node:module'

register('./ts-hooks.mjs', import.meta.url)
