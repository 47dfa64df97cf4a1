import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../start-emulator.ts'
import type { PortalBot } from '../model/entities.ts'
import { renderBbCode } from './chat-page.ts'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
})

afterEach(async () => {
  await emulator.close()
})

interface Answer {
  readonly status: number
  readonly body: Record<string, unknown>
}

async function get(path: string): Promise<Answer> {
  const response = await fetch(`${emulator.url}/emulator/api/${path}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function post(path: string, body: unknown, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(`${emulator.url}/emulator/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
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

describe('the chat page', () => {
  it('is served at / as HTML with a CSP that allows only its own inline script and style', async () => {
    const response = await fetch(`${emulator.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/)
    const html = await response.text()
    expect(html).toContain('<script>')
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|https?:\/\//)
  })

  it('leaves other paths to the portal: REST still works, unknown paths are 404', async () => {
    expect((await fetch(`${emulator.webhookUrl}imbot.chat.get`, { method: 'POST' })).status).toBe(200)
    expect((await fetch(`${emulator.url}/nothing`)).status).toBe(404)
    expect((await fetch(`${emulator.url}/`, { method: 'POST' })).status).toBe(405)
  })
})

describe('GET state', () => {
  it('lists people and bots, and without a user no dialogs', async () => {
    const bot = fetchBot()
    const alice = emulator.portal.createUser({ name: 'Alice', lastName: 'Smith' })
    const { status, body } = await get('state')
    expect(status).toBe(200)
    expect(body).toEqual({
      userId: null,
      users: [
        { id: 1, name: 'Admin' },
        { id: alice.id, name: 'Alice Smith' },
      ],
      bots: [{ id: bot.id, name: 'Helper' }],
      dialogs: [],
    })
  })

  it("lists the user's dialogs, most recent first, with messages and attachments rendered as safe HTML, keyboards in rows", async () => {
    const { portal } = emulator
    const bot = fetchBot()
    const alice = portal.createUser({ name: 'Alice' })
    const group = portal.as(alice.id).createChat({ title: 'Team <b>', userIds: [1] })
    portal.as(1).send(`chat${String(group.id)}`, '[b]hi[/b] <script>x</script>')
    const chat = portal.as(alice.id).openDialog(bot.id)
    const message = portal.addMessage({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Pick [USER=2]Alice[/USER]',
      params: {
        KEYBOARD: [{ TEXT: 'Yes', COMMAND: 'yes' }, { TYPE: 'NEWLINE' }, { TEXT: 'No', ACTION: 'SEND', ACTION_VALUE: 'no' }],
        ATTACH: { ID: 1, BLOCKS: [{ MESSAGE: '[B]Order[/B] 13 <img>' }, { GRID: [{ NAME: 'Sum', VALUE: '10' }] }, { DELIMITER: {} }] },
      },
    })
    const { status, body } = await get(`state?userId=${String(alice.id)}`)
    expect(status).toBe(200)
    expect(body.userId).toBe(alice.id)
    const dialogs = body.dialogs as { dialogId: string; title: string; kind: string; messages: Record<string, unknown>[] }[]
    expect(dialogs.map(({ dialogId, title, kind }) => ({ dialogId, title, kind }))).toEqual([
      { dialogId: String(bot.id), title: 'Helper', kind: 'bot' },
      { dialogId: `chat${String(group.id)}`, title: 'Team <b>', kind: 'chat' },
      { dialogId: 'chat1', title: 'General chat', kind: 'chat' },
    ])
    expect(dialogs[0]?.messages).toEqual([
      {
        id: message.id,
        authorId: bot.id,
        author: 'Helper',
        html: 'Pick <span class="mention">Alice</span>',
        system: false,
        deleted: false,
        edited: false,
        attach: ['<b>Order</b> 13 &lt;img&gt;', 'Sum: 10', '—'],
        keyboard: [
          [{ index: 0, text: 'Yes', display: 'BLOCK', disabled: false }],
          [{ index: 1, text: 'No', display: 'BLOCK', disabled: false }],
        ],
        reactions: [],
      },
    ])
    expect(dialogs[1]?.messages[0]).toMatchObject({ author: 'Admin', html: '<b>hi</b> &lt;script&gt;x&lt;/script&gt;' })
  })

  it.each([['userId=abc'], ['userId=999'], ['userId=-1']])('answers 400 for %s', async (query) => {
    const { status, body } = await get(`state?${query}`)
    expect(status).toBe(400)
    expect(body.error).toEqual(expect.any(String))
  })

  it('refuses to act as a bot', async () => {
    const bot = fetchBot()
    expect((await get(`state?userId=${String(bot.id)}`)).status).toBe(400)
  })
})

describe('POST send, open, press', () => {
  it('open makes the private dialog (the bot hears JOINCHAT); send reaches the bot as a message, or as a command', async () => {
    const { portal } = emulator
    const bot = fetchBot()
    const alice = portal.createUser({ name: 'Alice' })
    const opened = await post('open', { userId: alice.id, withUserId: bot.id })
    expect(opened).toEqual({ status: 200, body: { dialogId: String(bot.id) } })
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT'])

    const sent = await post('send', { userId: alice.id, dialogId: String(bot.id), text: 'hello' })
    expect(sent.status).toBe(200)
    expect(portal.messages.get(sent.body.messageId as number)).toMatchObject({ authorId: alice.id, text: 'hello' })
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD'])

    portal.addCommand({ botId: bot.id, appId: bot.appId, command: 'help', common: false, hidden: false, extranetSupport: false, lang: [] })
    expect((await post('send', { userId: alice.id, dialogId: bot.id, text: '/help me' })).status).toBe(200)
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD', 'ONIMBOTV2COMMANDADD'])
  })

  it('press runs a COMMAND button without a new message, and a SEND button as a message', async () => {
    const { portal } = emulator
    const bot = fetchBot()
    const alice = portal.createUser({ name: 'Alice' })
    portal.addCommand({ botId: bot.id, appId: bot.appId, command: 'yes', common: false, hidden: false, extranetSupport: false, lang: [] })
    const chat = portal.as(alice.id).openDialog(bot.id)
    const message = portal.addMessage({
      chatId: chat.id,
      authorId: bot.id,
      text: 'Sure?',
      params: {
        KEYBOARD: [
          { TEXT: 'Yes', COMMAND: 'yes' },
          { TEXT: 'No', ACTION: 'SEND', ACTION_VALUE: 'no' },
        ],
      },
    })
    const count = portal.messages.size
    expect(await post('press', { userId: alice.id, messageId: message.id, button: 0 })).toEqual({ status: 200, body: { ok: true } })
    expect(portal.messages.size).toBe(count)
    expect(await post('press', { userId: alice.id, messageId: message.id, button: 'No' })).toEqual({ status: 200, body: { ok: true } })
    expect([...portal.messages.values()].at(-1)).toMatchObject({ authorId: alice.id, text: 'no' })
    expect(await eventsOf(bot)).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2COMMANDADD', 'ONIMBOTV2MESSAGEADD'])
    expect((await post('press', { userId: alice.id, messageId: message.id, button: 5 })).status).toBe(400)
  })

  it.each([
    ['send', 'not json', 'application/json', /JSON object/],
    ['send', '[1]', 'application/json', /JSON object/],
    ['send', '{"userId":2,"dialogId":"chat1","text":"hi"}', 'text/plain', /application\/json/],
    ['send', { userId: 'x', dialogId: 'chat1', text: 'hi' }, 'application/json', /userId/],
    ['send', { userId: 1, dialogId: 'chat1', text: '  ' }, 'application/json', /text/],
    ['send', { userId: 1, dialogId: 'chat999', text: 'hi' }, 'application/json', /No dialog chat999/],
    ['send', { userId: 1, dialogId: {}, text: 'hi' }, 'application/json', /dialogId/],
    ['press', { userId: 1, messageId: 999, button: 0 }, 'application/json', /No message 999/],
    ['press', { userId: 1, messageId: 1, button: -1 }, 'application/json', /button/],
    ['open', { userId: 1, withUserId: 999 }, 'application/json', /No user 999/],
    ['open', { userId: 1 }, 'application/json', /withUserId/],
  ])('%s with %j (%s) answers 400 {error}', async (path, body, contentType, message) => {
    const { status, body: answer } = await post(path, body, contentType)
    expect(status).toBe(400)
    expect(answer.error).toMatch(message)
  })

  it('answers 404 for an unknown API and 405 for a wrong HTTP method', async () => {
    expect((await post('nope', {})).status).toBe(404)
    expect((await get('send')).status).toBe(405)
    expect((await post('state', {})).status).toBe(405)
  })

  it('does not let a user write in a chat they are not in', async () => {
    const alice = emulator.portal.createUser({ name: 'Alice' })
    const private1 = emulator.portal.as(1).createChat({ title: 'Admins' })
    const { status, body } = await post('send', { userId: alice.id, dialogId: `chat${String(private1.id)}`, text: 'hi' })
    expect(status).toBe(400)
    expect(body.error).toMatch(/not a member/)
  })
})

/** Tags the renderer may produce, exactly; anything else in its output must be text. */
const allowedTags =
  /<(?:b|\/b|i|\/i|br|\/a|\/span|span class="mention"|a href="https?:\/\/[^"<>]*" target="_blank" rel="noopener noreferrer")>/g

/** Input made of BB-code, HTML and script fragments, to hit the renderer's edges. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '[b]',
        '[/b]',
        '[i]',
        '[/I]',
        '[br]',
        '[/url]',
        '[URL]',
        '[url=',
        ']',
        '[USER=5]',
        '[/USER]',
        '[user=x]',
        '<script>',
        '</script>',
        '<img src=x onerror=alert(1)>',
        '" onmouseover="alert(1)',
        "'",
        '&',
        '&lt;',
        'javascript:',
        'JaVaScRiPt:alert(1)',
        'data:text/html,',
        'http://a.b/',
        'https://x.y/?q="<>',
        ' ',
        '\n',
        '\t',
      ),
      fc.string(),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''))

describe('renderBbCode', () => {
  it('renders the supported tags', () => {
    expect(renderBbCode('[b]bold[/b] [I]it[/I][br]x\ny')).toBe('<b>bold</b> <i>it</i><br>x<br>y')
    expect(renderBbCode('[url=https://example.com/a?b=1&c=2]site[/url]')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">site</a>',
    )
    expect(renderBbCode('[url]http://example.com[/url]')).toBe(
      '<a href="http://example.com/" target="_blank" rel="noopener noreferrer">http://example.com</a>',
    )
    expect(renderBbCode('[USER=12]Bob[/USER]')).toBe('<span class="mention">Bob</span>')
    expect(renderBbCode('[CHAT=3]Request #1[/CHAT]')).toBe('<span class="mention">Request #1</span>')
    expect(renderBbCode('[CHAT=x]no[/CHAT]')).toBe('[CHAT=x]no[/CHAT]')
    expect(renderBbCode('[b]open [i]both')).toBe('<b>open <i>both</i></b>')
    expect(renderBbCode('[b]a [i]b[/b] c[/i]')).toBe('<b>a <i>b</i></b> c[/i]')
  })

  it('never links a javascript: or other non-http URL', () => {
    expect(renderBbCode('[url=javascript:alert(1)]x[/url]')).toBe('[url=javascript:alert(1)]x[/url]')
    fc.assert(
      fc.property(
        fc.constantFrom('javascript:', ' JavaScript:', 'data:', 'vbscript:', 'file:', '//'),
        fc.string(),
        fc.boolean(),
        (scheme, rest, inline) => {
          const html = renderBbCode(inline ? `[url=${scheme}${rest}]t[/url]` : `[url]${scheme}${rest}[/url]`)
          expect(html).not.toContain('<a')
        },
      ),
    )
  })

  it('only ever outputs its own tags: no <script, no on...= attribute, no non-http href, whatever the input', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = renderBbCode(text)
        const tags = html.match(/<[^>]*>/g) ?? []
        for (const tag of tags) expect(tag).toMatch(new RegExp(`^${allowedTags.source}$`))
        expect(html.replace(allowedTags, '')).not.toMatch(/[<>]/)
        expect(html).not.toMatch(/<script/i)
        // Attribute values removed, no event-handler attribute is left in any tag.
        for (const tag of tags) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w*=/i)
        for (const match of html.matchAll(/href="([^"]*)"/g)) expect(match[1]).toMatch(/^https?:\/\//)
      }),
      { numRuns: 500 },
    )
  })

  it('keeps text without BB-code as it was (escaped, line breaks as <br>)', () => {
    const unescape = (html: string): string =>
      html
        .replace(/<br>/g, '\n')
        .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '')
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.includes('[') && !text.includes('\r')),
        (text) => {
          expect(unescape(renderBbCode(text))).toBe(text)
        },
      ),
    )
  })
})
