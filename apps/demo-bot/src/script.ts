import type { PortalMessage } from '@b24bot/emulator'
import type { Playground } from './playground.ts'
import { BOT_NAME } from './support-bot.ts'

/** Where the script writes its lines. */
export type ScriptLog = (line: string) => void

/** BB-code as a terminal shows it: tags dropped, `[BR]` a line break. */
function plainText(text: string): string {
  return text
    .replace(/\[br\]/gi, '\n')
    .replace(/\[\/?(b|i|u|s|user|chat|url|send|put)(=[^\]]*)?\]/gi, '')
    .split('\n')
    .map((line) => line.trim())
    .join(`\n${' '.repeat(15)}`)
}

/** What a message shows besides its text: the attachment's grid and the keyboard's buttons. */
function extras(message: PortalMessage): string[] {
  const lines: string[] = []
  const attach = message.params.ATTACH as { BLOCKS?: Record<string, unknown>[] } | Record<string, unknown>[] | undefined
  const blocks = Array.isArray(attach) ? attach : (attach?.BLOCKS ?? [])
  for (const block of blocks) {
    if (typeof block.MESSAGE === 'string') lines.push(`  | ${plainText(block.MESSAGE)}`)
    if (Array.isArray(block.GRID))
      for (const item of block.GRID as { NAME?: string; VALUE?: string }[]) lines.push(`  | ${item.NAME ?? ''}: ${item.VALUE ?? ''}`)
  }
  const keyboard = message.params.KEYBOARD as
    { BUTTONS?: { TEXT?: string; TYPE?: string }[] } | { TEXT?: string; TYPE?: string }[] | undefined
  const buttons = (Array.isArray(keyboard) ? keyboard : (keyboard?.BUTTONS ?? [])).filter((button) => button.TYPE !== 'NEWLINE')
  if (buttons.length > 0) lines.push(`  ${buttons.map((button) => `[${button.TEXT ?? '?'}]`).join(' ')}`)
  return lines
}

/**
 * Plays a conversation with the support bot through the same public paths a person uses on the chat
 * page (`portal.as(user)`: the portal raises the events, the bot's intake takes them, the bot answers
 * over REST), and prints it. Resolves to the transcript.
 *
 * @example
 * ```ts
 * const playground = await startPlayground()
 * await playConversation(playground, console.log)
 * ```
 */
export async function playConversation(playground: Playground, log: ScriptLog): Promise<string[]> {
  const { portal } = playground.emulator
  const alice = portal.as(playground.userId)
  const transcript: string[] = []
  const seen: Set<number> = new Set()
  const write = (line: string): void => {
    transcript.push(line)
    log(line)
  }
  const nameOf = (userId: number): string => (userId === playground.botId ? BOT_NAME : (portal.users.get(userId)?.name ?? 'System'))

  /** Prints the chat's new messages, and reactions the bot gave. */
  const show = (chatId: number): void => {
    for (const message of portal.messages.values()) {
      if (message.chatId !== chatId || seen.has(message.id)) continue
      seen.add(message.id)
      if (message.authorId === playground.userId) continue
      write(`  ${nameOf(message.authorId).padEnd(12)} ${plainText(message.text)}`)
      for (const line of extras(message)) write(line)
    }
  }
  const act = async (chatId: number, line: string, action: () => unknown): Promise<void> => {
    write(`  ${'Alice'.padEnd(12)} ${line}`)
    action()
    await portal.events.settled()
    show(chatId)
  }
  const lastButton = (chatId: number, text: string): number => {
    const messages = [...portal.messages.values()].filter((message) => message.chatId === chatId && message.authorId === playground.botId)
    const found = messages
      .reverse()
      .find((message) => JSON.stringify(message.params.KEYBOARD ?? null).includes(`"TEXT":${JSON.stringify(text)}`))
    if (found === undefined) throw new Error(`The bot offered no "${text}" button`)
    return found.id
  }

  write('A private chat with the bot:')
  const dialog = alice.openDialog(playground.botId)
  await portal.events.settled()
  show(dialog.id)
  const dialogId = String(playground.botId)
  const press = (text: string) =>
    act(dialog.id, `(presses "${text}")`, () => {
      alice.press(lastButton(dialog.id, text), text)
    })
  const say = (text: string) => act(dialog.id, text, () => alice.send(dialogId, text))

  await say('/help')
  await press('Open a request')
  await press('Billing')
  const description = 'Invoice [b]13[/b] was charged twice'
  await say(description)
  const described = [...portal.messages.values()].find((message) => message.authorId === playground.userId && message.text === description)
  if (described?.reactions.get('like')?.has(playground.botId)) write(`  (${BOT_NAME} reacted with a like to Alice's message)`)
  await press('Send it')
  await say('/status 1')
  await say('/request')
  await press('Cancel')

  const requestChat = [...portal.chats.values()].find((chat) => chat.entityType === 'B24BOT_REQUEST' && chat.entityId === '1')
  if (requestChat !== undefined) {
    write(`The chat of request #1, "${requestChat.title}":`)
    show(requestChat.id)
  }

  write('A group chat where Alice mentions the bot:')
  const team = alice.createChat({ title: 'Team', userIds: [playground.botId] })
  await portal.events.settled()
  show(team.id)
  await act(team.id, `@${BOT_NAME} can you help?`, () =>
    alice.send(`chat${String(team.id)}`, `[USER=${String(playground.botId)}]${BOT_NAME}[/USER] can you help?`),
  )
  return transcript
}
