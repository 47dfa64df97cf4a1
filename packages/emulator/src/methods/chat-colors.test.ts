import { describe, expect, it } from 'vitest'
import type { FormObject } from '@b24bot/core'
import { useEventPortal } from '../../test/event-receiver.ts'
import { sdkCaller } from '../../test/sdk-call.ts'

const env = useEventPortal()
const call = sdkCaller(() => env.emulator)

/** The `data[PARAMS]` of the last classic `ONIMBOTMESSAGEADD` the receiver got. */
const lastClassicParams = () =>
  (env.receiver.received.filter((received) => received.body.event === 'ONIMBOTMESSAGEADD').at(-1)?.body.data as FormObject)
    .PARAMS as FormObject

describe('chat colours: one code kept, each place renders its own form', () => {
  it('dialog.get and v2 answers give the HEX, classic events the code, after chat.add with COLOR and updateColor', async () => {
    const { portal } = env.emulator
    const watcher = portal.createBot({ appId: 'customsecret', code: 'watcher', name: 'Watcher', generation: 'v2', eventMode: 'fetch' })
    const painter = (
      await call('imbot.register', {
        CLIENT_ID: 'colors',
        CODE: 'painter',
        EVENT_HANDLER: env.receiver.url,
        PROPERTIES: { NAME: 'Painter' },
      })
    ).result as number
    const alice = portal.createUser({ name: 'Alice' })
    const chatId = (await call('imbot.chat.add', { CLIENT_ID: 'colors', USERS: [1, alice.id, watcher.id], COLOR: 'RED' })).result as number
    const dialogId = `chat${String(chatId)}`
    const colours = async () => ({
      dialog: ((await call('imbot.dialog.get', { DIALOG_ID: dialogId })).result as { color: unknown }).color,
      v2: ((await call('imbot.v2.Chat.get', { botId: watcher.id, botToken: 'secret', dialogId })).result as { chat: { color: unknown } })
        .chat.color,
    })
    const say = async () => {
      portal.as(alice.id).send(dialogId, `[USER=${String(painter)}]Painter[/USER] [USER=${String(watcher.id)}]Watcher[/USER] hi`)
      await portal.events.settled()
    }
    const v2EventColour = async () => {
      const read = (await call('imbot.v2.Event.get', { botId: watcher.id, botToken: 'secret', limit: 100 })).result as {
        events: { type: string; data: { chat?: { color?: unknown } } }[]
      }
      return read.events.filter((event) => event.type === 'ONIMBOTV2MESSAGEADD').at(-1)?.data.chat?.color
    }

    expect(await colours()).toEqual({ dialog: '#df532d', v2: '#df532d' })
    await say()
    expect(lastClassicParams().CHAT_COLOR).toBe('RED')
    expect(await v2EventColour()).toBe('#df532d')

    expect((await call('imbot.chat.updateColor', { CLIENT_ID: 'colors', BOT_ID: painter, CHAT_ID: chatId, COLOR: 'AZURE' })).result).toBe(
      true,
    )
    expect(await colours()).toEqual({ dialog: '#29619b', v2: '#29619b' })
    await say()
    expect(lastClassicParams().CHAT_COLOR).toBe('AZURE')

    // v2 writes camelCase codes (and only the owner may); the chat keeps the code, every reader its form.
    portal.chats.get(chatId)!.ownerId = watcher.id
    await call('imbot.v2.Chat.update', { botId: watcher.id, botToken: 'secret', dialogId, fields: { color: 'lightBlue' } })
    expect(portal.chats.get(chatId)?.color).toBe('LIGHT_BLUE')
    expect(await colours()).toEqual({ dialog: '#4ba5c3', v2: '#4ba5c3' })
  })

  it('a new chat without a colour gets a code from the palette, rendered alike', async () => {
    const { portal } = env.emulator
    const chat = portal.createChat({ ownerId: 1 })
    expect(chat.color).toMatch(/^[A-Z_]+$/)
    const answer = (await call('imbot.dialog.get', { DIALOG_ID: `chat${String(chat.id)}` })).result as { color: string }
    expect(answer.color).toMatch(/^#[0-9a-f]{6}$/)
  })
})
