import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { dialogIdSchema, idParamSchema } from '../schemas/common.ts'
import { downloadUrlResult } from '../schemas/v2-messages.ts'

/**
 * `im.v2.File.download` (scope `im`, acts as the calling user): a one-time download link for a file of
 * a dialog. Resolves to `{ downloadUrl }`; use the link once. `dialogId` is required here.
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
