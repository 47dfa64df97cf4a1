import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idSchema } from '../../schemas/common.ts'
import { dialogIdResult, fileUploadFieldsSchema, imV2FileSchema } from '../../schemas/v2-messages.ts'

/**
 * `im.v2.File.upload`: uploads a Base64 file (at most 100 MB) into a dialog as the calling user; resolves to
 * `{ file, messageId, chatId, dialogId }` with the extended File.
 *
 * Its error codes differ from `imbot.v2.File.upload` (`FOLDER_ERROR` instead of `FILE_FOLDER_ERROR`, ...).
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/files/file-upload.html
 * @example
 * ```ts
 * const { file } = await api.im.v2.File.upload({ dialogId: 'chat5', fields: { name: 'report.pdf', content: Buffer.from('%PDF-1.7').toString('base64') } })
 * console.log(file.urlShow)
 * ```
 */
export const imV2FileUpload = defineMethod({
  method: 'im.v2.File.upload',
  params: v.strictObject({
    /** The dialog: `chatNNN`, or a user id. */
    dialogId: dialogIdSchema,
    /** The file and an optional caption. */
    fields: fileUploadFieldsSchema,
  }),
  result: v.looseObject({
    /** The uploaded file; `file.id` is the `fileId` of `File.download`. */
    file: imV2FileSchema,
    messageId: idSchema,
    chatId: idSchema,
    dialogId: dialogIdResult,
  }),
})
