import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema, v2BotIdentity } from '../../schemas/common.ts'
import { downloadUrlResult } from '../../schemas/v2-messages.ts'

/**
 * `imbot.v2.File.download`: a one-time download link for a Drive file; resolves to `{ downloadUrl }`.
 *
 * The method page lists only `fileId`; the quick start also sends `dialogId` (which `im.v2.File.download`
 * requires). `dialogId` is accepted as optional and sent when given.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/imbot.v2/files/file-download.html
 * @example
 * ```ts
 * const { downloadUrl } = await api.v2.File.download({ botId: 456, fileId: 138, dialogId: 'chat5' })
 * const bytes = await (await fetch(downloadUrl)).arrayBuffer()
 * ```
 */
export const imbotV2FileDownload = defineMethod({
  method: 'imbot.v2.File.download',
  idempotent: true,
  params: v.strictObject({
    ...v2BotIdentity,
    /** The Drive file id (`file.id` of `File.upload`, or of a message's files). */
    fileId: idParamSchema,
    /** The dialog that holds the file. Not on the method page; the quick start sends it. */
    dialogId: v.optional(dialogIdSchema),
  }),
  result: downloadUrlResult,
})
