/**
 * Typed, immutable attachment builder. Every attachment it builds passes `attachSchema`.
 *
 * @example
 * ```ts
 * import { attach, grid } from '@b24bot/imbot'
 *
 * const ATTACH = attach({ color: 'primary' })
 *   .user('Mantis', { avatar: 'https://example.com/mantis.png' })
 *   .message('Ticket [B]#42[/B] was assigned to you')
 *   .delimiter()
 *   .grid(grid.row('Project', 'BUGS'), grid.row('Deadline', '11/04/2026'))
 *   .build()
 * ```
 */
import type * as v from 'valibot'
import { attachContentSchema, type AttachBlock, type AttachGridItem, type AttachObject, type attachUserSchema } from '../schemas/attach.ts'
import { assertValid, compact, isHexColor } from './shared.ts'

type Token = NonNullable<AttachObject['COLOR_TOKEN']>
type Hex = `#${string}`

/** Options of a LINK block. */
export interface AttachLinkOptions {
  /** The link's title (`NAME`). */
  readonly name?: string
  /** A description under the title (`DESC`); may hold BB codes. */
  readonly desc?: string
  /** HTML shown instead of `desc`. */
  readonly html?: string
  /** An image URL. */
  readonly preview?: string
  /** Width of the preview in px (`WIDTH`). */
  readonly width?: number
  /** Height of the preview in px (`HEIGHT`). */
  readonly height?: number
  /** A user the link refers to (`USER_ID`). */
  readonly userId?: number
  /** A chat the link refers to (`CHAT_ID`). */
  readonly chatId?: number
  /** A Bitrix24.Network (Open Channels) id the link refers to (`NETWORK_ID`). */
  readonly networkId?: string
}

/** Options of a USER block. */
export interface AttachUserOptions {
  /** An image URL. */
  readonly avatar?: string
  /** A URL the name links to (`LINK`). */
  readonly link?: string
  /** The user the block shows (`USER_ID`). */
  readonly userId?: number
  /** A chat the block shows (`CHAT_ID`). */
  readonly chatId?: number
  /** A bot the block shows (`BOT_ID`). */
  readonly botId?: number
  /** A Bitrix24.Network (Open Channels) id (`NETWORK_ID`). */
  readonly networkId?: string
  /** How the avatar is drawn: `'USER'`, `'CHAT'` or `'BOT'` (`AVATAR_TYPE`). */
  readonly avatarType?: NonNullable<v.InferInput<typeof attachUserSchema>['AVATAR_TYPE']>
}

/** Options of an IMAGE block. */
export interface AttachImageOptions {
  /** The image's name (`NAME`). */
  readonly name?: string
  /** A smaller image shown in the message; defaults to the original. */
  readonly preview?: string
  /** Width in px (`WIDTH`). */
  readonly width?: number
  /** Height in px (`HEIGHT`). */
  readonly height?: number
}

/** Options of a FILE block. */
export interface AttachFileOptions {
  /** The file name shown (`NAME`). */
  readonly name?: string
  /** Size in bytes. */
  readonly size?: number
}

/** Options of a GRID item. */
export interface GridItemOptions {
  /** Width of the item in px (`WIDTH`). */
  readonly width?: number
  /** Height of the item in px (`HEIGHT`). */
  readonly height?: number
  /** A colour token or a HEX colour. */
  readonly color?: Token | Hex
  /** A URL the value links to (`LINK`). */
  readonly link?: string
  /** A user the item refers to (`USER_ID`). */
  readonly userId?: number
  /** A chat the item refers to (`CHAT_ID`). */
  readonly chatId?: number
}

function gridItem(
  display: AttachGridItem['DISPLAY'],
  name: string | undefined,
  value: string | undefined,
  options: GridItemOptions = {},
): AttachGridItem {
  const { color } = options
  return compact({
    DISPLAY: display,
    NAME: name,
    VALUE: value,
    WIDTH: options.width,
    HEIGHT: options.height,
    COLOR_TOKEN: color === undefined || isHexColor(color) ? undefined : color,
    COLOR: color === undefined || !isHexColor(color) ? undefined : color,
    LINK: options.link,
    USER_ID: options.userId,
    CHAT_ID: options.chatId,
  })
}

/** GRID item constructors, one per `DISPLAY` mode (don't mix modes in one grid). `value` may hold BB codes. */
export const grid = {
  /** Name and value side by side, in a row. */
  row(name: string | undefined, value: string | undefined, options?: GridItemOptions): AttachGridItem {
    return gridItem('ROW', name, value, options)
  },
  /** Name above value, in columns placed on a line (stacked on mobile). */
  line(name: string | undefined, value: string | undefined, options?: GridItemOptions): AttachGridItem {
    return gridItem('LINE', name, value, options)
  },
  /** Name above value, full width. */
  block(name: string | undefined, value: string | undefined, options?: GridItemOptions): AttachGridItem {
    return gridItem('BLOCK', name, value, options)
  },
  /** A table row (older clients show it as `row`). */
  table(name: string | undefined, value: string | undefined, options?: GridItemOptions): AttachGridItem {
    return gridItem('TABLE', name, value, options)
  },
} as const

/** What {@link attach} takes: the attachment's id within the message and its accent colour. */
export interface AttachOptions {
  /** The attachment's id within the message (`ID`). */
  readonly id?: number
  /** A colour token (`'primary'`, …) or a legacy HEX colour. */
  readonly color?: Token | Hex
}

/** An immutable attachment under construction: every method returns a new builder. */
export class AttachBuilder {
  /** The blocks so far, in order. */
  readonly blocks: readonly AttachBlock[]
  readonly #options: AttachOptions

  constructor(options: AttachOptions = {}, blocks: readonly AttachBlock[] = []) {
    this.#options = options
    this.blocks = Object.freeze([...blocks])
  }

  /** Adds any block. */
  block(block: AttachBlock): AttachBuilder {
    return new AttachBuilder(this.#options, [...this.blocks, block])
  }

  /** A text block; BB codes allowed (`USER, CHAT, SEND, PUT, CALL, BR, B, U, I, S, URL`). */
  message(text: string | { toString(): string }): AttachBuilder {
    return this.block({ MESSAGE: String(text) })
  }

  /** A link card. */
  link(url: string, options: AttachLinkOptions = {}): AttachBuilder {
    return this.block({
      LINK: compact({
        LINK: url,
        NAME: options.name,
        DESC: options.desc,
        HTML: options.html,
        PREVIEW: options.preview,
        WIDTH: options.width,
        HEIGHT: options.height,
        USER_ID: options.userId,
        CHAT_ID: options.chatId,
        NETWORK_ID: options.networkId,
      }),
    })
  }

  /** A person, chat or bot with an avatar. */
  user(name: string, options: AttachUserOptions = {}): AttachBuilder {
    return this.block({
      USER: compact({
        NAME: name,
        AVATAR: options.avatar,
        LINK: options.link,
        USER_ID: options.userId,
        CHAT_ID: options.chatId,
        BOT_ID: options.botId,
        NETWORK_ID: options.networkId,
        AVATAR_TYPE: options.avatarType,
      }),
    })
  }

  /** A grid of name/value items (see {@link grid}). */
  grid(...items: readonly AttachGridItem[]): AttachBuilder {
    return this.block({ GRID: [...items] })
  }

  /** An image block with one image. */
  image(url: string, options: AttachImageOptions = {}): AttachBuilder {
    return this.block({
      IMAGE: [compact({ LINK: url, NAME: options.name, PREVIEW: options.preview, WIDTH: options.width, HEIGHT: options.height })],
    })
  }

  /** A file block with one file. */
  file(url: string, options: AttachFileOptions = {}): AttachBuilder {
    return this.block({ FILE: [compact({ LINK: url, NAME: options.name, SIZE: options.size })] })
  }

  /** A separator line. */
  delimiter(options: { readonly size?: number; readonly color?: Hex } = {}): AttachBuilder {
    return this.block({ DELIMITER: compact({ SIZE: options.size, COLOR: options.color }) })
  }

  /**
   * The attachment in full form `{ ID?, COLOR_TOKEN? | COLOR?, BLOCKS }`, for ATTACH or `fields.attach`.
   *
   * @throws ValidationError when a block is invalid (the issue names it, e.g. `BLOCKS[1].IMAGE[0].LINK`),
   *   there is no block, or its JSON reaches 60,000 characters.
   */
  build(): AttachObject {
    const { color } = this.#options
    const built: AttachObject = compact({
      ID: this.#options.id,
      COLOR_TOKEN: color === undefined || isHexColor(color) ? undefined : color,
      COLOR: color === undefined || !isHexColor(color) ? undefined : color,
      BLOCKS: [...this.blocks],
    })
    assertValid(attachContentSchema, built, 'attach().build()')
    return built
  }
}

/** Starts an attachment. */
export function attach(options: AttachOptions = {}): AttachBuilder {
  return new AttachBuilder(options)
}
