import { describe, expect, it } from 'vitest'
import type { FormObject } from '@b24bot/core'
import { useEventPortal } from '../../test/event-receiver.ts'
import { sdkCaller } from '../../test/sdk-call.ts'
import type { QueueRead } from './delivery.ts'

/*
 * A bot's whole conversation through the public surface only: it registers and answers over REST
 * (through our SDK), a simulated user acts, and the events arrive where the bot said it listens.
 */

const env = useEventPortal()
const call = sdkCaller(() => env.emulator)

/** The result of a call that must succeed. */
async function ok(method: string, params: Record<string, unknown>): Promise<unknown> {
  const answer = await call(method, params)
  if (answer.error) throw answer.error
  return answer.result
}

describe('classic bot round trip', () => {
  it('registers, hears a command, answers it within the window, and hears its own deletion', async () => {
    const auth = { CLIENT_ID: 'round_trip' }
    const botId = (await ok('imbot.register', {
      ...auth,
      CODE: 'echo',
      EVENT_HANDLER: env.receiver.url,
      PROPERTIES: { NAME: 'Echo' },
    })) as number
    await ok('imbot.command.register', {
      ...auth,
      BOT_ID: botId,
      COMMAND: 'echo',
      EVENT_COMMAND_ADD: env.receiver.url,
      LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echo' }],
    })
    const alice = env.emulator.portal.createUser({ name: 'Alice' })

    env.emulator.portal.as(alice.id).send(String(botId), '/echo ping')
    await env.emulator.portal.events.settled()
    const command = env.receiver.received.find((received) => received.body.event === 'ONIMCOMMANDADD')!.body.data as FormObject
    const entry = Object.values(command.COMMAND as FormObject)[0] as FormObject
    const answerId = await ok('imbot.command.answer', {
      ...auth,
      COMMAND_ID: entry.COMMAND_ID,
      MESSAGE_ID: entry.MESSAGE_ID,
      MESSAGE: `pong: ${entry.COMMAND_PARAMS as string}`,
    })
    expect(typeof answerId).toBe('number')
    expect(env.emulator.portal.messages.get(answerId as number)).toMatchObject({ authorId: botId, text: 'pong: ping' })

    await ok('imbot.unregister', { ...auth, BOT_ID: botId })
    await env.emulator.portal.events.settled()
    expect(env.receiver.events()).toEqual(['ONIMBOTJOINCHAT', 'ONIMCOMMANDADD', 'ONIMBOTDELETE'])
    expect(env.receiver.received.at(-1)!.body.data).toEqual({ BOT_ID: String(botId), BOT_CODE: 'echo' })
  })
})

describe('v2 bot round trip', () => {
  it('a webhook-mode bot registered with Bot.register gets its events POSTed and replies with Message.send', async () => {
    const registered = (await ok('imbot.v2.Bot.register', {
      fields: {
        code: 'helper',
        botToken: 'secret-token',
        eventMode: 'webhook',
        webhookUrl: env.receiver.url,
        properties: { name: 'Helper' },
      },
    })) as { bot: { id: number } }
    const botId = registered.bot.id
    env.emulator.portal.as(1).send(String(botId), 'hello')
    await env.emulator.portal.events.settled()
    const add = env.receiver.received.find((received) => received.body.event === 'ONIMBOTV2MESSAGEADD')!.body
    const data = add.data as FormObject
    expect((data.bot as FormObject).id).toBe(String(botId))
    const dialogId = (data.chat as FormObject).dialogId as string
    expect(dialogId).toBe('1')

    const sent = (await ok('imbot.v2.Chat.Message.send', {
      botId,
      botToken: 'secret-token',
      dialogId,
      fields: { message: 'hi back' },
    })) as { id: number }
    expect(env.emulator.portal.messages.get(sent.id)).toMatchObject({ authorId: botId, text: 'hi back' })
    await env.emulator.portal.events.settled()
    // The bot's own message is not echoed to it.
    expect(env.receiver.events()).toEqual(['ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD'])
  })

  it('a fetch-mode bot polls a command, answers it, and after unregistering its token no longer works', async () => {
    const auth = { botToken: 'poller-token' }
    const registered = (await ok('imbot.v2.Bot.register', {
      fields: { ...auth, code: 'poller', eventMode: 'fetch', properties: { name: 'Poller' } },
    })) as { bot: { id: number } }
    const botId = registered.bot.id
    await ok('imbot.v2.Command.register', { ...auth, botId, fields: { command: 'status', title: { en: 'Status' } } })
    const message = env.emulator.portal.as(1).send(String(botId), '/status now')

    const polled = (await ok('imbot.v2.Event.get', { ...auth, botId })) as QueueRead
    const event = polled.events.find((candidate) => candidate.type === 'ONIMBOTV2COMMANDADD')!
    const data = event.data as { command: { id: number; params: string }; message: { id: number }; chat: { dialogId: string } }
    expect(data.command.params).toBe('now')
    expect(data.message.id).toBe(message.id)
    expect(
      await ok('imbot.v2.Command.answer', {
        ...auth,
        botId,
        commandId: data.command.id,
        messageId: data.message.id,
        dialogId: data.chat.dialogId,
        fields: { message: 'all good' },
      }),
    ).toEqual({ result: true })
    expect([...env.emulator.portal.messages.values()].at(-1)).toMatchObject({ authorId: botId, text: 'all good' })

    await ok('imbot.v2.Event.get', { ...auth, botId, offset: polled.nextOffset })
    await ok('imbot.v2.Bot.unregister', { ...auth, botId })
    expect((await call('imbot.v2.Event.get', { ...auth, botId })).error?.code).toBe('BOT_NOT_FOUND')
  })
})
