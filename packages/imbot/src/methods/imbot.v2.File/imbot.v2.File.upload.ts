import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idSchema, v2BotIdentity } from '../../schemas/common.ts'
import { dialogIdResult, fileUploadFieldsSchema, v2FileSchema } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.File.upload`: uploads a Base64 file (at most 100 MB) and posts it in the dialog as the bot; resolves to
 * `{ file, messageId, chatId, dialogId }`.
 *
 * `fields.content` is checked before sending: raw Base64 (a `data:` prefix is refused), not empty, at
 * most 100 MB once decoded.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/files/file-upload.html
 * @example
 * ```ts
 * const { file } = await api.v2.File.upload({
 *   botId: 456,
 *   dialogId: 'chat5',
 *   fields: { name: 'report.txt', content: Buffer.from('Hello').toString('base64'), message: 'The report' },
 * })
 * ```
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
