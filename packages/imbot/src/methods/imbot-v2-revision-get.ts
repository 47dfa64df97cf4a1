import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { countSchema } from '../schemas/common.ts'

/**
 * `imbot.v2.Revision.get`: the API revisions of the portal, `{ rest, web, mobile, desktop }`. No
 * `botId`/`botToken`; any user may call it. Gate features on `rest` ("available from revision N").
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
