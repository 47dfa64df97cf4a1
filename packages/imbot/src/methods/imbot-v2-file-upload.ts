import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idSchema, v2BotIdentity } from '../schemas/common.ts'
import { dialogIdResult, fileUploadFieldsSchema, v2FileSchema } from '../schemas/v2-messages.ts'

/**
 * `imbot.v2.File.upload`: uploads a file (Base64, at most 100 MB) to the dialog's Drive folder and posts
 * it as a message from the bot, in one call. Resolves to `{ file, messageId, chatId, dialogId }`.
 *
 * `fields.content` is checked before sending: raw Base64 (a `data:` prefix is refused), not empty, at
 * most 100 MB once decoded.
 */
export const imbotV2FileUpload = defineMethod({
  method: 'imbot.v2.File.upload',
  params: v.strictObject({
    ...v2BotIdentity,
    /** The dialog: `chatNNN`, or the other user's id. */
    dialogId: dialogIdSchema,
    /** The file and an optional caption. */
    fields: fileUploadFieldsSchema,
  }),
  result: v.looseObject({
    /** The uploaded file; `file.id` is the `fileId` of `File.download`. */
    file: v2FileSchema,
    /** The message that carries the file. */
    messageId: idSchema,
    chatId: idSchema,
    dialogId: dialogIdResult,
  }),
})
