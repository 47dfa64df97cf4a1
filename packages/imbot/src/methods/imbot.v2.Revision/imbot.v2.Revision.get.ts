import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { countSchema } from '../../schemas/common.ts'

/**
 * `imbot.v2.Revision.get`: the portal's API revisions, `{ rest, web, mobile, desktop }`; no bot needed.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/revision-get.html
 * @example
 * ```ts
 * const { rest } = await api.v2.Revision.get()
 * if (rest >= 34) console.log('Command.list returns titles')
 * ```
 */
export const imbotV2RevisionGet = defineMethod({
  method: 'imbot.v2.Revision.get',
  idempotent: true,
  params: v.strictObject({}),
  result: v.looseObject({
    /** The REST API revision: the compatibility key. */
    rest: countSchema,
    /** The web client protocol revision. */
    web: countSchema,
    /** The mobile client protocol revision. */
    mobile: countSchema,
    /** The desktop client protocol revision. */
    desktop: countSchema,
  }),
})
