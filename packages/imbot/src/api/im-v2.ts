import type { Binding } from '../bindings.ts'
import type { Methods } from '../methods.ts'

/** The `im.v2.*` methods v2 polling with user events relies on (under `api.im.v2`). */
export interface ImV2Api {
  /** The calling user's messenger events (`im.v2.Event.*`, scope `im`). */
  readonly Event: {
    /**
     * Starts recording the calling user's `ONIMV2*` events (idempotent); resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/event-subscribe.html
     * @example
     * ```ts
     * await api.im.v2.Event.subscribe()
     * ```
     */
    readonly subscribe: Binding<Methods['im.v2.Event.subscribe']>
    /**
     * Stops recording the calling user's events (idempotent); resolves to `true`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/event-unsubscribe.html
     * @example
     * ```ts
     * await api.im.v2.Event.unsubscribe()
     * ```
     */
    readonly unsubscribe: Binding<Methods['im.v2.Event.unsubscribe']>
    /**
     * Reads the calling user's recorded events; resolves to `{ events, nextOffset, hasMore }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/events/event-get.html
     * @example
     * ```ts
     * const batch = await api.im.v2.Event.get({ offset: 2000, limit: 50 })
     * for (const event of batch.events) console.log(event.type)
     * const nextOffset = batch.nextOffset
     * ```
     */
    readonly get: Binding<Methods['im.v2.Event.get']>
  }
  /** Files the calling user uploads and downloads (`im.v2.File.*`, scope `im`). */
  readonly File: {
    /**
     * Uploads a Base64 file (at most 100 MB) into a dialog as the calling user; resolves to
     * `{ file, messageId, chatId, dialogId }` with the extended File.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/files/file-upload.html
     * @example
     * ```ts
     * const { file } = await api.im.v2.File.upload({ dialogId: 'chat5', fields: { name: 'report.pdf', content: Buffer.from('%PDF-1.7').toString('base64') } })
     * console.log(file.urlShow)
     * ```
     */
    readonly upload: Binding<Methods['im.v2.File.upload']>
    /**
     * A one-time download link for a file of a dialog; resolves to `{ downloadUrl }`.
     *
     * @see https://apidocs.bitrix24.com/api-reference/chat-bots/chat-bots-v2/im.v2/files/file-download.html
     * @example
     * ```ts
     * const { downloadUrl } = await api.im.v2.File.download({ dialogId: 'chat5', fileId: 9817 })
     * ```
     */
    readonly download: Binding<Methods['im.v2.File.download']>
  }
}
