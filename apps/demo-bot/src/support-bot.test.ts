import type { PortalMessage } from '@b24bot/emulator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPlayground, type Playground } from './playground.ts'
import { REQUEST_ENTITY } from './support-bot.ts'

/*
 * The support bot, driven through the embedded emulator the way a person drives it on the chat page:
 * `portal.as(user)` makes the portal raise the events, the bot's real intake (node:http, URL secret)
 * takes them, and the bot answers over REST.
 */

let playground: Playground
let reports: string[]

beforeEach(async () => {
  reports = []
  playground = await startPlayground({ report: (line) => reports.push(line) })
})

afterEach(async () => {
  await playground.close()
})

const portal = () => playground.emulator.portal
const alice = () => portal().as(playground.userId)

/** The bot's messages in a chat, oldest first. */
function botMessages(chatId: number): PortalMessage[] {
  return [...portal().messages.values()].filter((message) => message.chatId === chatId && message.authorId === playground.botId)
}

function lastBotMessage(chatId: number): PortalMessage {
  const message = botMessages(chatId).at(-1)
  if (message === undefined) throw new Error('the bot said nothing')
  return message
}

/** The texts of a message's keyboard buttons, row breaks left out. */
function buttons(message: PortalMessage): string[] {
  const keyboard = message.params.KEYBOARD as
    { TEXT?: string; TYPE?: string }[] | { BUTTONS?: { TEXT?: string; TYPE?: string }[] } | undefined
  const list = Array.isArray(keyboard) ? keyboard : (keyboard?.BUTTONS ?? [])
  return list.filter((button) => button.TYPE !== 'NEWLINE').map((button) => button.TEXT ?? '')
}

/** The private dialog with the bot, opened (the welcome answered). */
async function openDialog(): Promise<number> {
  const chat = alice().openDialog(playground.botId)
  await portal().events.settled()
  return chat.id
}

async function say(text: string): Promise<void> {
  alice().send(String(playground.botId), text)
  await portal().events.settled()
}

async function press(chatId: number, text: string): Promise<void> {
  const message = botMessages(chatId)
    .reverse()
    .find((candidate) => buttons(candidate).includes(text))
  if (message === undefined) throw new Error(`no "${text}" button`)
  alice().press(message.id, text)
  await portal().events.settled()
}

/** Walks the conversation up to the confirmation, with `description` as the problem. */
async function draftRequest(chatId: number, description: string): Promise<void> {
  await say('/request')
  await press(chatId, 'Access and accounts')
  await say(description)
}

describe('the support bot in a private dialog', () => {
  it('welcomes the person by name when the dialog opens, with the main keyboard', async () => {
    const chatId = await openDialog()
    const welcome = lastBotMessage(chatId)
    expect(welcome.text).toMatch(/^Hello, Alice Smith! I open support requests/)
    expect(buttons(welcome)).toEqual(['Open a request', 'Help'])
  })

  it('answers /help with the commands and a keyboard', async () => {
    const chatId = await openDialog()
    await say('/help')
    const help = lastBotMessage(chatId)
    // The portal stores `[BR]` as a line break.
    expect(help.text.split('\n')).toEqual([
      'I open support requests and keep a chat for each.',
      '[B]/request[/B] opens one, step by step; [B]/cancel[/B] stops at any step.',
      '[B]/status 1[/B] finds request 1 and its chat.',
      'In a group chat, mention me and I will answer.',
    ])
    expect(buttons(help)).toEqual(['Open a request', 'Help'])
  })

  it('opens a request in three steps: a topic, a description, a confirmation', async () => {
    const chatId = await openDialog()
    await press(chatId, 'Open a request')
    expect(lastBotMessage(chatId).text).toBe('What is it about?')
    expect(buttons(lastBotMessage(chatId))).toEqual(['Billing', 'Access and accounts', 'Something is broken', 'Cancel'])

    await press(chatId, 'Billing')
    expect(lastBotMessage(chatId).text).toContain('[B]Billing[/B]. Now describe the problem')

    await say('Invoice 13 was charged twice')
    const preview = lastBotMessage(chatId)
    expect(preview.text).toBe('Here is your request. Send it?')
    expect(JSON.stringify(preview.params.ATTACH)).toContain('Invoice 13 was charged twice')
    expect(buttons(preview)).toEqual(['Send it', 'Cancel'])

    await press(chatId, 'Send it')
    expect(lastBotMessage(chatId).text).toMatch(/^Request \[B\]#1\[\/B\] is open\. We talk about it in \[CHAT=\d+\]Request #1\[\/CHAT\]\.$/)
  })

  it('shows the typing indicator and likes the description before answering it', async () => {
    const chatId = await openDialog()
    await say('/request')
    await press(chatId, 'Billing')
    await say('It is broken')
    const described = [...portal().messages.values()].find((message) => message.text === 'It is broken')
    expect(described?.reactions.get('like')?.has(playground.botId)).toBe(true)
    expect(portal().calls.map((call) => call.method.toLowerCase())).toContain('imbot.v2.chat.inputaction.notify')
  })

  it('binds a group chat to the request (imbot.chat.add), finds it with imbot.chat.get, and posts the card there', async () => {
    const chatId = await openDialog()
    await draftRequest(chatId, 'I cannot sign in')
    await press(chatId, 'Send it')
    const bound = [...portal().chats.values()].find((chat) => chat.entityType === REQUEST_ENTITY && chat.entityId === '1')
    expect(bound).toBeDefined()
    expect(bound?.title).toBe('Request #1: Access and accounts')
    expect([...(bound?.userIds ?? [])].sort()).toEqual([playground.botId, playground.userId].sort())
    const card = lastBotMessage(bound!.id)
    expect(card.text).toBe(`A new request from [USER=${String(playground.userId)}]Alice Smith[/USER].`)
    expect(JSON.stringify(card.params.ATTACH)).toContain('I cannot sign in')
    const lookups = portal().calls.filter((call) => call.method.toLowerCase() === 'imbot.chat.get')
    expect(lookups.map((call) => call.params.ENTITY_TYPE)).toEqual([REQUEST_ENTITY])

    await say('/status 1')
    expect(lastBotMessage(chatId).text).toBe(`Request #1 is open, in [CHAT=${String(bound!.id)}]Request #1[/CHAT].`)
    expect(portal().calls.filter((call) => call.method.toLowerCase() === 'imbot.chat.get')).toHaveLength(2)
  })

  it('escapes what the person wrote, so their BB-code shows as text in the card', async () => {
    const chatId = await openDialog()
    await draftRequest(chatId, 'Click [URL=https://evil.example]here[/URL] [b]now[/b]')
    const attach = JSON.stringify(lastBotMessage(chatId).params.ATTACH)
    expect(attach).toContain('Click ［URL=https://evil.example］here［/URL］ ［b］now［/b］')
    expect(attach).not.toContain('[URL=https://evil.example]')
  })

  it('cancels at any step, and the next description is not taken for a request', async () => {
    const chatId = await openDialog()
    await say('/request')
    await press(chatId, 'Billing')
    await say('/cancel')
    expect(lastBotMessage(chatId).text).toBe('Cancelled. Nothing was sent.')
    await say('This is just a message')
    expect(lastBotMessage(chatId).text).toBe('Write /help to see what I can do.')

    await draftRequest(chatId, 'Second thoughts')
    await press(chatId, 'Cancel')
    expect(lastBotMessage(chatId).text).toBe('Cancelled. Nothing was sent.')
    await say('/cancel')
    expect(lastBotMessage(chatId).text).toBe('There was nothing to cancel.')
    expect([...portal().chats.values()].some((chat) => chat.entityType === REQUEST_ENTITY)).toBe(false)
  })

  it('refuses steps out of order', async () => {
    const chatId = await openDialog()
    await say('/topic billing')
    expect(lastBotMessage(chatId).text).toBe('Start with /request.')
    await say('/confirm')
    expect(lastBotMessage(chatId).text).toBe('There is no request to confirm. Start with /request.')
    await say('/request')
    await say('/topic nonsense')
    expect(lastBotMessage(chatId).text).toBe('Start with /request.')
  })

  it('answers /status for a request it does not know', async () => {
    const chatId = await openDialog()
    await say('/status 42')
    expect(lastBotMessage(chatId).text).toBe('I know no request [B]42[/B]. Write /status and its number, e.g. /status 1.')
    await say('/status')
    expect(lastBotMessage(chatId).text).toContain('I know no request [B](no number)[/B].')
  })
})

describe('the support bot in a group chat', () => {
  it('greets the chat when added, and answers only when mentioned, mentioning the person back', async () => {
    const team = alice().createChat({ title: 'Team', userIds: [playground.botId] })
    await portal().events.settled()
    expect(lastBotMessage(team.id).text).toBe('Hello, everyone! Mention [B]Support desk[/B] and I will answer here.')

    alice().send(`chat${String(team.id)}`, 'talking among ourselves')
    await portal().events.settled()
    expect(botMessages(team.id)).toHaveLength(1)

    alice().send(`chat${String(team.id)}`, `[USER=${String(playground.botId)}]Support desk[/USER] help?`)
    await portal().events.settled()
    expect(lastBotMessage(team.id).text).toBe(
      `[USER=${String(playground.userId)}]Alice Smith[/USER], I open support requests in a private chat with me: write /request there.`,
    )
  })

  it('sends /request to a private chat', async () => {
    const team = alice().createChat({ title: 'Team', userIds: [playground.botId] })
    alice().send(`chat${String(team.id)}`, '/request')
    await portal().events.settled()
    expect(lastBotMessage(team.id).text).toBe('Requests are opened in a private chat: write /request to me there.')
  })
})

describe('failures', () => {
  it('go to bot.catch, reported with the event and the error, and no secret', async () => {
    const chatId = await openDialog()
    portal().inject({ method: 'imbot.v2.Command.answer', reply: { status: 500, error: 'INTERNAL_ERROR', description: 'boom' }, times: 10 })
    await say('/help')
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatch(/^ONIMBOTV2COMMANDADD failed: \w+Error: /)
    const bot = portal().bots.get(playground.botId)!
    expect(reports[0]).not.toContain(bot.appId.slice('custom'.length))
    expect(botMessages(chatId)).toHaveLength(1)
  })
})
