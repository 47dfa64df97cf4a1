import { isMessageLink } from '../schemas/keyboard.ts'

/**
 * BB-code formatting for message text, safe against injection: plain strings given to these helpers
 * (or interpolated in {@link fmt}) are escaped, so a user name like `[URL=https://evil]x[/URL]` shows
 * as text instead of becoming a link (decision 014).
 *
 * @example
 * ```ts
 * import { bb } from '@b24bot/imbot'
 *
 * const user = { id: 7, name: 'Anna' }
 * const order = { title: 'Order 13' }
 * const text = bb.fmt`Hello ${bb.mention(user.id, user.name)}, your order ${bb.bold(order.title)} has shipped. ${bb.send('/track', 'Track it')}`
 * await api.message.add({ DIALOG_ID: 'chat5', MESSAGE: text.toString() })
 * ```
 */

/**
 * Text with BB codes that came from these helpers: trusted markup, never escaped again. Use
 * `String(text)` or `text.toString()` where a method wants a string.
 */
export class FormattedText {
  /** The BB-code markup. */
  readonly text: string

  constructor(text: string) {
    this.text = text
  }

  /** The BB-code markup, as a string (what `String(text)` gives). */
  toString(): string {
    return this.text
  }
}

/** What the helpers take: plain text (escaped), a number, or already formatted text (kept as is). */
export type Content = string | number | FormattedText

/**
 * Neutralizes BB codes in plain text: `[` and `]` become the full-width `［` and `］`, so no tag can
 * open or close. Bitrix24 has no escape for `[`, and a zero-width character could be stripped
 * somewhere on the way; full-width brackets cannot be turned back into tags (decision 014).
 */
export function escapeBb(text: string): string {
  return text.replaceAll('[', '［').replaceAll(']', '］')
}

function markup(content: Content): string {
  if (content instanceof FormattedText) return content.text
  return escapeBb(String(content))
}

/** A tag value (a URL or command after `=`): brackets would end the tag early, so they are neutralized. */
function attribute(value: string | number): string {
  return escapeBb(String(value))
}

/** Brackets percent-encoded, so a URL cannot close `[URL=…]` early. */
function safeUrl(url: string): string {
  return url.replaceAll('[', '%5B').replaceAll(']', '%5D')
}

function wrap(tag: string, content: Content, value?: string): FormattedText {
  return new FormattedText(`[${tag}${value === undefined ? '' : `=${value}`}]${markup(content)}[/${tag}]`)
}

/** Plain text, escaped; handy to turn a user string into {@link FormattedText}. */
export function plain(text: string | number): FormattedText {
  return new FormattedText(escapeBb(String(text)))
}

/** Markup you trust as is (not escaped). Never pass user input. */
export function raw(markupText: string): FormattedText {
  return new FormattedText(markupText)
}

/** `[B]…[/B]` */
export function bold(content: Content): FormattedText {
  return wrap('B', content)
}

/** `[I]…[/I]` */
export function italic(content: Content): FormattedText {
  return wrap('I', content)
}

/** `[U]…[/U]` */
export function underline(content: Content): FormattedText {
  return wrap('U', content)
}

/** `[S]…[/S]` */
export function strike(content: Content): FormattedText {
  return wrap('S', content)
}

/** `[SIZE=n]…[/SIZE]`, 8 to 30 pixels. */
export function size(pixels: number, content: Content): FormattedText {
  if (!Number.isInteger(pixels) || pixels < 8 || pixels > 30) throw new RangeError(`size must be an integer from 8 to 30, got ${pixels}`)
  return wrap('SIZE', content, String(pixels))
}

/** `[COLOR=#hex]…[/COLOR]` */
export function color(hex: `#${string}`, content: Content): FormattedText {
  if (!/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) throw new RangeError(`color must be "#rgb" or "#rrggbb", got ${hex}`)
  return wrap('COLOR', content, hex)
}

/**
 * A link: `[URL=url]label[/URL]`, or `[URL]url[/URL]` without a label. `url` must be an absolute
 * http(s) URL or a root-relative path, as in keyboards and attachments: a `javascript:` or `data:` URL
 * (say, one a user typed) throws a `TypeError` instead of becoming a link.
 */
export function link(url: string, label?: Content): FormattedText {
  if (!isMessageLink(url)) throw new TypeError('bb.link: the URL must be an absolute http(s) URL or a root-relative path starting with "/"')
  const target = safeUrl(url)
  return label === undefined ? new FormattedText(`[URL]${target}[/URL]`) : wrap('URL', label, target)
}

/** `[CODE]…[/CODE]`: a code block. */
export function code(content: Content): FormattedText {
  return wrap('CODE', content)
}

/** A quote: every line prefixed with `>>`. */
export function quote(content: Content): FormattedText {
  return new FormattedText(
    markup(content)
      .split('\n')
      .map((line) => `>>${line}`)
      .join('\n'),
  )
}

/** Mentions a user (`[USER=id]name[/USER]`), or everyone in the chat with `'all'`. */
export function mention(userId: number | 'all', name: Content): FormattedText {
  return wrap('USER', name, String(userId))
}

/** Links a chat (`[CHAT=id]name[/CHAT]`); an Open Channel as `'imol|ID'`. */
export function chatMention(chatId: number | string, name: Content): FormattedText {
  return wrap('CHAT', name, attribute(chatId))
}

/** Links a message: `[CONTEXT=dialogId/messageId]label[/CONTEXT]`. */
export function messageLink(dialogId: string | number, messageId: number, label: Content): FormattedText {
  return wrap('CONTEXT', label, `${attribute(dialogId)}/${messageId}`)
}

/** A clickable text that sends `command` (such as `'/help'`) as the user's message. */
export function send(command: string, label: Content): FormattedText {
  return wrap('SEND', label, attribute(command))
}

/** A clickable text that puts `text` into the message input. */
export function put(text: string, label: Content): FormattedText {
  return wrap('PUT', label, attribute(text))
}

/** A phone link: `[CALL=number]label[/CALL]`, or `[CALL]number[/CALL]` without a label. */
export function call(phone: string, label?: Content): FormattedText {
  return label === undefined ? wrap('CALL', phone) : wrap('CALL', label, attribute(phone))
}

/** A line break (`[BR]`). */
export const br: FormattedText = new FormattedText('[BR]')

/** Joins contents with a separator (plain strings escaped). */
export function join(contents: readonly Content[], separator: Content = ''): FormattedText {
  return new FormattedText(contents.map(markup).join(markup(separator)))
}

/**
 * A tagged template: the literal parts are your markup, every `${value}` is escaped unless it is
 * {@link FormattedText}.
 *
 * @example
 * ```ts
 * import { bb } from '@b24bot/imbot'
 *
 * const order = { title: '[B]13[/B]', userId: 7, userName: 'Anna' } // the title is escaped, not bold
 * bb.fmt`[B]Order[/B] ${order.title} by ${bb.mention(order.userId, order.userName)}`.toString()
 * ```
 */
export function fmt(strings: TemplateStringsArray, ...values: readonly Content[]): FormattedText {
  let text = strings[0] ?? ''
  values.forEach((value, index) => {
    text += markup(value) + (strings[index + 1] ?? '')
  })
  return new FormattedText(text)
}
