import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, v2ActionResult, v2BotIdentity } from '../schemas/common.ts'
import { v2UserIdsSchema } from '../schemas/v2-entities.ts'

/**
 * `imbot.v2.Chat.User.add`: adds users to a chat. Resolves to `true`. Unknown and inactive ids are
 * skipped silently; an empty list changes nothing and still answers `true`, and so does a one-to-one
 * dialog (newer page), so both are accepted.
 */
export const imbotV2ChatUserAdd = defineMethod({
  method: 'imbot.v2.Chat.User.add',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The chat: `'chat{chatId}'`. */
    dialogId: dialogIdSchema,
    /** The users to add. */
    userIds: v2UserIdsSchema,
  }),
  result: v2ActionResult,
})
