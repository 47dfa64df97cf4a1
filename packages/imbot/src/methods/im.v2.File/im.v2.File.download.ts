import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema } from '../../schemas/common.ts'
import { downloadUrlResult } from '../../schemas/v2-messages.ts'

/**
 * `im.v2.File.download`: a one-time download link for a file of a dialog; resolves to `{ downloadUrl }`.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/files/file-download.html
 * @example
 * ```ts
 * const { downloadUrl } = await api.im.v2.File.download({ dialogId: 'chat5', fileId: 9817 })
 * ```
 */
export const imV2FileDownload = defineMethod({
  method: 'im.v2.File.download',
  idempotent: true,
  params: v.strictObject({
    /** The dialog that holds the file. */
    dialogId: dialogIdSchema,
    /** The Drive file id (`file.id` of `File.upload`). */
    fileId: idParamSchema,
  }),
  result: downloadUrlResult,
})
