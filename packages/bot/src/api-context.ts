import { imbot, type ImbotApi, type ImbotEvent } from '@b24bot/imbot'
import { Context } from './context.ts'

/**
 * A {@link Context} with `ctx.api`: every imbot method, namespaced as the API names them, through the
 * event's client. A bot's handlers get it with `createBot({ context: (init) => new ApiContext(init) })`;
 * it brings every method descriptor into the bundle (about 5 kB gzipped), which a bot that calls its
 * few methods by descriptor (`ctx.client.call(imbotV2ChatGet, ...)`) does without.
 *
 * @example
 * ```ts
 * import { ApiContext, createBot, type ContextInit } from '@b24bot/bot'
 *
 * const bot = createBot({ applicationToken: process.env.B24_APPLICATION_TOKEN!, context: (init: ContextInit) => new ApiContext(init) })
 * bot.on('ONIMBOTV2JOINCHAT', async (ctx) => {
 *   const { chat } = await ctx.api.v2.Chat.get({ botId: ctx.botId!, dialogId: ctx.dialogId! })
 *   await ctx.reply(`Hello, ${chat.name}!`)
 * })
 * ```
 */
export class ApiContext<E extends ImbotEvent = ImbotEvent> extends Context<E> {
  #api: ImbotApi | undefined

  /**
   * The imbot methods, authorised as this bot on this portal: `imbot(ctx.client)`, made when first read.
   *
   * @example
   * ```ts
   * import type { ApiContext } from '@b24bot/bot'
   *
   * async function chatName(ctx: ApiContext): Promise<string | undefined> {
   *   const { chat } = await ctx.api.v2.Chat.get({ botId: ctx.botId!, dialogId: ctx.dialogId! })
   *   return chat.name
   * }
   * ```
   */
  get api(): ImbotApi {
    this.#api ??= imbot(this.client)
    return this.#api
  }
}
