import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { chatDialogIdSchema, v2ActionResult, v2BotIdentity } from '../schemas/common.ts'
import { v2UserIdsSchema } from '../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.Manager.add`: grants the manager role to members of a group chat the bot owns. Non-members are skipped silently. Resolves to `true`.
 * `userIds` must not be empty (the server answers `EMPTY_USER_IDS`).
 */
export const imbotV2ChatManagerAdd = defineMethod({
  method: 'imbot.v2.Chat.Manager.add',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The group chat: `'chat{chatId}'`. */
    dialogId: chatDialogIdSchema,
    /** Users to make managers (at least one). */
    userIds: v.pipe(v2UserIdsSchema, v.nonEmpty('must list at least one user id')),
  }),
  result: v2ActionResult,
})
