import { Script } from 'node:vm'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { restCaller } from '../../test/rest-call.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'
import type { PortalBot } from '../model/entities.ts'
import { chatPage } from './chat-page.ts'
import { keyboardRows } from './web-state.ts'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
})

afterEach(async () => {
  await emulator.close()
})

const call = restCaller(() => emulator)

interface Answer {
  readonly status: number
  readonly body: Record<string, unknown>
}

interface StateMember {
  readonly id: number
  readonly name: string
  readonly bot: boolean
}

interface StateMessage {
  readonly id: number
  readonly author: string
  readonly html: string
  readonly edited: boolean
  readonly deleted: boolean
  readonly keyboard: readonly unknown[]
  readonly reactions: readonly { reaction: string; emoji: string | null; count: number; mine: boolean }[]
}

interface StateDialog {
  readonly dialogId: string
  readonly title: string
  readonly kind: string
  readonly members: readonly StateMember[]
  readonly messages: readonly StateMessage[]
}

async function get(path: string): Promise<Answer> {
  const response = await fetch(`${emulator.url}/emulator/api/${path}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function post(path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${emulator.url}/emulator/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function dialogsOf(userId: number): Promise<StateDialog[]> {
  const { status, body } = await get(`state?userId=${String(userId)}`)
  expect(status).toBe(200)
  return body.dialogs as StateDialog[]
}

async function dialogOf(userId: number, dialogId: string): Promise<StateDialog> {
  const dialog = (await dialogsOf(userId)).find((candidate) => candidate.dialogId === dialogId)
  if (!dialog) throw new Error(`No dialog ${dialogId} in the state of user ${String(userId)}`)
  return dialog
}

/** A v2 bot whose events queue up (no handler needed): each shows in `portal.events.deliveries`. */
function fetchBot(name = 'Helper'): PortalBot {
  return emulator.portal.createBot({ appId: 'customtoken-1', code: name.toLowerCase(), generation: 'v2', eventMode: 'fetch', name })
}

/** The events delivered to a bot once everything settled. */
async function eventsOf(bot: PortalBot): Promise<string[]> {
  await emulator.portal.events.settled()
  return emulator.portal.events.deliveries.filter((delivery) => delivery.botIds.includes(bot.id)).map((delivery) => delivery.event)
}

describe('the page', () => {
  it('carries a script that compiles, and controls for new people, group chats and mentions', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(chatPage.html)?.[1] ?? ''
    expect(() => new Script(script)).not.toThrow()
    for (const id of ['new-name', 'add-user', 'chat-title', 'chat-members', 'create-chat', 'mentions', 'invite-who', 'invite']) {
      expect(chatPage.html).toContain(`id="${id}"`)
    }
    // Keyboard buttons can be found by their text; colours go through the CSSOM only after a #hex check.
    expect(script).toContain('dataset.button = key.text')
    expect(script).not.toMatch(/setAttribute\('style'|\.style\s*=|cssText|insertRule/)
  })
})

describe('bots by name', () => {
  it('names a bot registered with imbot.register by its PROPERTIES.NAME, not its code, everywhere', async () => {
    const { portal } = emulator
    const alice = portal.createUser({ name: 'Alice' })
    const registered = await call('imbot.register', {
      CLIENT_ID: 'app',
      CODE: 'support_bot_7',
      PROPERTIES: { NAME: 'Support', LAST_NAME: 'Desk' },
      EVENT_HANDLER: 'https://bot.example.com/handler',
    })
    const botId = registered.body.result as number
    const chat = portal.as(alice.id).openDialog(botId)
    portal.addMessage({ chatId: chat.id, authorId: botId, text: 'Hello' })
    const { body } = await get(`state?userId=${String(alice.id)}`)
    expect(body.bots).toEqual([{ id: botId, name: 'Support Desk' }])
    const dialog = (body.dialogs as StateDialog[])[0]
    expect(dialog).toMatchObject({ dialogId: String(botId), title: 'Support Desk', kind: 'bot' })
    expect(dialog?.messages[0]?.author).toBe('Support Desk')
    expect(dialog?.members).toEqual([
      { id: alice.id, name: 'Alice', bot: false },
      { id: botId, name: 'Support Desk', bot: true },
    ])
  })
})

describe('keyboard layout', () => {
  it('gives a LINE button a row of its own, keeps BLOCK buttons together, flags disabled ones and keeps only #hex colours', async () => {
    const { portal } = emulator
    const bot = fetchBot()
    const alice = portal.createUser({ name: 'Alice' })
    const chat = portal.as(alice.id).openDialog(bot.id)
    portal.addMessage({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Pick',
      params: {
        KEYBOARD: [
          { TEXT: 'A', COMMAND: 'a', BG_COLOR: '#29619b', TEXT_COLOR: '#FFF' },
          { TEXT: 'B', COMMAND: 'b', DISPLAY: 'BLOCK', BG_COLOR: 'red;background:url(x)', TEXT_COLOR: '#12345' },
          { TEXT: 'Wide', COMMAND: 'w', DISPLAY: 'LINE' },
          { TEXT: 'C', COMMAND: 'c', DISABLED: 'Y' },
          { TYPE: 'NEWLINE' },
          { TEXT: 'D', COMMAND: 'd', DISABLED: 'N', BG_COLOR: 'expression(alert(1))' },
        ],
      },
    })
    const [message] = (await dialogOf(alice.id, String(bot.id))).messages
    expect(message?.keyboard).toEqual([
      [
        { index: 0, text: 'A', display: 'BLOCK', disabled: false, bgColor: '#29619b', textColor: '#FFF' },
        { index: 1, text: 'B', display: 'BLOCK', disabled: false },
      ],
      [{ index: 2, text: 'Wide', display: 'LINE', disabled: false }],
      [{ index: 3, text: 'C', display: 'BLOCK', disabled: true }],
      [{ index: 4, text: 'D', display: 'BLOCK', disabled: false }],
    ])
  })

  it('lets through only #rgb and #rrggbb colours, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (bgColor, textColor) => {
        const [button] = keyboardRows([{ TEXT: 'x', BG_COLOR: bgColor, TEXT_COLOR: textColor }]).flat()
        for (const color of [button?.bgColor, button?.textColor]) {
          if (color !== undefined) expect(color).toMatch(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i)
        }
      }),
    )
  })

  it('refuses to press a disabled button, by index or by text', async () => {
    const { portal } = emulator
    const bot = fetchBot()
    const alice = portal.createUser({ name: 'Alice' })
    const chat = portal.as(alice.id).openDialog(bot.id)
    const message = portal.addMessage({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Pick',
      params: { KEYBOARD: [{ TEXT: 'Gone', ACTION: 'SEND', ACTION_VALUE: 'gone', DISABLED: 'Y' }] },
    })
    const count = portal.messages.size
    for (const button of [0, 'Gone']) {
      const { status, body } = await post('press', { userId: alice.id, messageId: message.id, button })
      expect(status).toBe(400)
      expect(body.error).toMatch(/disabled/)
    }
    expect(portal.messages.size).toBe(count)
  })
})

describe('POST user', () => {
  it('adds a person (in the general chat) who can then act', async () => {
    const { status, body } = await post('user', { name: '  Carol ', lastName: 'Jones' })
    expect(status).toBe(200)
    const userId = body.userId as number
    expect(emulator.portal.users.get(userId)).toMatchObject({ name: 'Carol', lastName: 'Jones', bot: false })
    expect((await get('state')).body.users).toContainEqual({ id: userId, name: 'Carol Jones' })
    expect((await dialogsOf(userId)).map((dialog) => dialog.dialogId)).toEqual(['chat1'])
    expect((await post('send', { userId, dialogId: 'chat1', text: 'hi all' })).status).toBe(200)
  })

  it.each([
    [{}, /name must be a string/],
    [{ name: '   ' }, /name must not be empty/],
    [{ name: 'x'.repeat(101) }, /at most 100/],
    [{ name: 42 }, /name must be a string/],
    [{ name: 'Bob', lastName: 'y'.repeat(101) }, /lastName must be at most 100/],
    [{ name: 'Bob', lastName: 7 }, /lastName must be a string/],
    [{ name: 'Bob\nSmith' }, /one line/],
  ])('answers 400 {error} for %j', async (input, message) => {
    const users = emulator.portal.users.size
    const { status, body } = await post('user', input)
    expect(status).toBe(400)
    expect(body.error).toMatch(message)
    expect(emulator.portal.users.size).toBe(users)
  })

  it('takes a name of exactly 100 characters', async () => {
    expect((await post('user', { name: 'x'.repeat(100) })).status).toBe(200)
  })
})

describe('POST chat and POST invite', () => {
  it('creates a group chat with members; a bot among them hears JOINCHAT; the state lists the members', async () => {
    const { portal } = emulator
    const alice = portal.createUser({ name: 'Alice' })
    const bob = portal.createUser({ name: 'Bob' })
    const bot = fetchBot()
    const { status, body } = await post('chat', {
      userId: alice.id,
      title: 'Launch',
      memberIds: [bot.id, bob.id, String(bob.id), alice.id],
    })
    expect(status).toBe(200)
    const dialogId = body.dialogId as string
    expect(dialogId).toMatch(/^chat\d+$/)
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT'])
    const dialog = await dialogOf(alice.id, dialogId)
    expect(dialog).toMatchObject({ title: 'Launch', kind: 'chat' })
    expect(dialog.members).toEqual([
      { id: alice.id, name: 'Alice', bot: false },
      { id: bob.id, name: 'Bob', bot: false },
      { id: bot.id, name: 'Helper', bot: true },
    ])
    expect(portal.chats.get(Number(dialogId.slice(4)))?.ownerId).toBe(alice.id)

    // In a group the bot hears a message only when mentioned, the way the page's "@Helper" inserts it.
    await post('send', { userId: alice.id, dialogId, text: 'just chatting' })
    await post('send', { userId: alice.id, dialogId, text: `[USER=${String(bot.id)}]Helper[/USER] help` })
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD'])
  })

  it('invite adds a bot to an existing group chat (it hears JOINCHAT), and not to a private one', async () => {
    const { portal } = emulator
    const alice = portal.createUser({ name: 'Alice' })
    const bot = fetchBot()
    const created = await post('chat', { userId: alice.id, title: 'Team', memberIds: [] })
    const dialogId = created.body.dialogId as string
    expect(await eventsOf(bot)).toEqual([])
    expect(await post('invite', { userId: alice.id, dialogId, memberIds: [bot.id] })).toEqual({ status: 200, body: { ok: true } })
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT'])
    expect((await dialogOf(alice.id, dialogId)).members.map((member) => member.id)).toEqual([alice.id, bot.id])
    const other = fetchBot('Other')
    const privateChat = await post('open', { userId: alice.id, withUserId: bot.id })
    const refused = await post('invite', { userId: alice.id, dialogId: privateChat.body.dialogId, memberIds: [other.id] })
    expect(refused.status).toBe(400)
    expect(await eventsOf(other)).toEqual([])
  })

  it.each([
    ['chat', { userId: 2, title: '', memberIds: [] }, /title must not be empty/],
    ['chat', { userId: 2, title: 't'.repeat(256), memberIds: [] }, /at most 255/],
    ['chat', { userId: 2, title: 'T' }, /memberIds/],
    ['chat', { userId: 2, title: 'T', memberIds: 'all' }, /memberIds/],
    ['chat', { userId: 2, title: 'T', memberIds: [0] }, /memberIds\[\]/],
    ['chat', { userId: 2, title: 'T', memberIds: [999] }, /No user 999/],
    ['chat', { userId: 2, title: 'T', memberIds: Array.from({ length: 101 }, () => 1) }, /at most 100/],
    ['chat', { userId: 999, title: 'T', memberIds: [] }, /No user 999/],
    ['invite', { userId: 2, dialogId: 'chat999', memberIds: [1] }, /group chat/],
    ['invite', { userId: 2, dialogId: 5, memberIds: [1] }, /group chat/],
  ])('%s with %j answers 400 {error}', async (path, input, message) => {
    emulator.portal.createUser({ name: 'Alice' })
    const chats = emulator.portal.chats.size
    const { status, body } = await post(path, input)
    expect(status).toBe(400)
    expect(body.error).toMatch(message)
    expect(emulator.portal.chats.size).toBe(chats)
  })

  it('does not let a non-member add people to a chat', async () => {
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const admins = emulator.portal.as(1).createChat({ title: 'Admins' })
    const { status, body } = await post('invite', { userId: alice.id, dialogId: `chat${String(admins.id)}`, memberIds: [alice.id, 1] })
    expect(status).toBe(400)
    expect(body.error).toMatch(/not a member/)
  })
})

describe('reactions, edits and deletions in the state', () => {
  it('react toggles a like through the portal: the bot author hears both, the state shows emoji, count and mine', async () => {
    const { portal } = emulator
    const bot = fetchBot()
    const alice = portal.createUser({ name: 'Alice' })
    const bob = portal.createUser({ name: 'Bob' })
    const group = portal.as(alice.id).createChat({ title: 'G', userIds: [bob.id, bot.id] })
    const message = portal.addMessage({ chatId: group.id, authorId: bot.id, text: 'Done' })
    const dialogId = `chat${String(group.id)}`
    portal.as(bob.id).react(message.id, 'like')
    portal.as(bob.id).react(message.id, 'hugeThanks')

    expect(await post('react', { userId: alice.id, messageId: message.id, reaction: 'like' })).toEqual({
      status: 200,
      body: { reacted: true },
    })
    expect((await dialogOf(alice.id, dialogId)).messages[0]?.reactions).toEqual([
      { reaction: 'like', emoji: '👍', count: 2, mine: true },
      { reaction: 'hugeThanks', emoji: null, count: 1, mine: false },
    ])
    expect((await dialogOf(bob.id, dialogId)).messages[0]?.reactions[0]).toMatchObject({ count: 2, mine: true })

    expect(await post('react', { userId: alice.id, messageId: message.id })).toEqual({ status: 200, body: { reacted: false } })
    expect((await dialogOf(alice.id, dialogId)).messages[0]?.reactions[0]).toEqual({ reaction: 'like', emoji: '👍', count: 1, mine: false })
    expect((await eventsOf(bot)).filter((event) => event === 'ONIMBOTV2REACTIONCHANGE')).toHaveLength(4)
  })

  it('shows an edited message with its new text and a deleted one as deleted, without its keyboard or reactions', async () => {
    const { portal } = emulator
    const alice = portal.createUser({ name: 'Alice' })
    const bob = portal.createUser({ name: 'Bob' })
    const first = portal.as(bob.id).send(String(alice.id), 'helo')
    const second = portal.as(bob.id).send(String(alice.id), 'pick', { keyboard: [{ TEXT: 'Ok', COMMAND: 'ok' }] })
    portal.as(alice.id).react(second.id)
    const before = await dialogOf(alice.id, String(bob.id))
    expect(before.messages.map(({ html, edited, deleted }) => ({ html, edited, deleted }))).toEqual([
      { html: 'helo', edited: false, deleted: false },
      { html: 'pick', edited: false, deleted: false },
    ])
    portal.as(bob.id).edit(first.id, 'hello')
    portal.as(bob.id).delete(second.id)
    const after = await dialogOf(alice.id, String(bob.id))
    expect(after.messages[0]).toMatchObject({ html: 'hello', edited: true, deleted: false })
    expect(after.messages[1]).toMatchObject({ html: 'This message was deleted', deleted: true, keyboard: [], reactions: [] })
  })

  it.each([
    [{ userId: 2, messageId: 999 }, /No message 999/],
    [{ userId: 2, messageId: 'x' }, /messageId/],
    [{ userId: 2, messageId: 1, reaction: '<img>' }, /reaction/],
    [{ userId: 2, messageId: 1, reaction: 5 }, /reaction/],
    [{ userId: 2, messageId: 1, reaction: 'x'.repeat(65) }, /reaction/],
  ])('react with %j answers 400 {error}', async (input, message) => {
    const alice = emulator.portal.createUser({ name: 'Alice' })
    emulator.portal.as(1).send('chat1', 'hello')
    const { status, body } = await post('react', { ...input, userId: alice.id })
    expect(status).toBe(400)
    expect(body.error).toMatch(message)
  })

  it('does not let a user react in a chat they are not in, nor to a deleted message', async () => {
    const { portal } = emulator
    const alice = portal.createUser({ name: 'Alice' })
    const admins = portal.as(1).createChat({ title: 'Admins' })
    const hidden = portal.as(1).send(`chat${String(admins.id)}`, 'secret')
    expect((await post('react', { userId: alice.id, messageId: hidden.id })).body.error).toMatch(/not a member/)
    const gone = portal.as(1).send('chat1', 'oops')
    portal.as(1).delete(gone.id)
    expect((await post('react', { userId: alice.id, messageId: gone.id })).status).toBe(400)
    expect(gone.reactions.get('like')?.size ?? 0).toBe(0)
  })
})
