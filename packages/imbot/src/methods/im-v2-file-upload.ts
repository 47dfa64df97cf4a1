import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idSchema } from '../schemas/common.ts'
import { dialogIdResult, fileUploadFieldsSchema, imV2FileSchema } from '../schemas/v2-messages.ts'

/**
 * `im.v2.File.upload` (scope `im`, acts as the calling user): uploads a file (Base64, at most 100 MB)
 * into a dialog and posts it. Resolves to `{ file, messageId, chatId, dialogId }`, with the extended
 * File (`status`, `progress`, `urlShow`, `urlDownload`, `viewerAttrs`, `mediaUrl`, ...).
 *
 * Its error codes differ from `imbot.v2.File.upload` (`FOLDER_ERROR` instead of `FILE_FOLDER_ERROR`, ...).
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
