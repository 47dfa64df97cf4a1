import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sdkCaller } from '../../test/sdk-call.ts'
import imDownloadExample from '@b24bot/spec-fixtures/examples-v2/im.v2.File.download.json' with { type: 'json' }
import imUploadExample from '@b24bot/spec-fixtures/examples-v2/im.v2.File.upload.json' with { type: 'json' }
import botDownloadExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.File.download.json' with { type: 'json' }
import botUploadExample from '@b24bot/spec-fixtures/examples-v2/imbot.v2.File.upload.json' with { type: 'json' }
import type { PortalBot, PortalChat } from '../model/entities.ts'
import { startEmulator, type Emulator } from '../start-emulator.ts'

let emulator: Emulator
let bot: PortalBot
let chat: PortalChat
beforeEach(async () => {
  emulator = await startEmulator()
  bot = emulator.portal.createBot({ appId: 'customsecret', code: 'files', generation: 'v2' })
  chat = emulator.portal.createChat({ title: 'Reports', ownerId: bot.id })
})
afterEach(async () => {
  await emulator.close()
})

const call = sdkCaller(() => emulator, { botToken: 'secret' })
const keys = (value: unknown) => Object.keys(value as object).sort()
const dialog = () => `chat${String(chat.id)}`
const fields = botUploadExample.params.fields
const download = async (url: string) => {
  const response = await fetch(url)
  return { status: response.status, text: await response.text() }
}

describe('imbot.v2.File.upload', () => {
  it('stores the file, posts it with its caption, and answers like the example', async () => {
    const added = vi.spyOn(emulator.portal.events, 'messageAdded')
    const { result } = await call('imbot.v2.File.upload', { botId: bot.id, dialogId: dialog(), fields })
    expect(keys(result)).toEqual(keys(botUploadExample.response.result))
    const answer = result as { file: { id: number }; messageId: number }
    expect(keys(answer.file)).toEqual(keys(botUploadExample.response.result.file))
    expect(answer).toEqual({
      file: { id: answer.file.id, chatId: chat.id, name: 'report.pdf', extension: 'pdf', size: 12 },
      messageId: answer.messageId,
      chatId: chat.id,
      dialogId: dialog(),
    })
    expect(Buffer.from(emulator.portal.files.get(answer.file.id)?.content ?? []).toString()).toBe('Hello World!')
    const message = emulator.portal.messages.get(answer.messageId)
    expect(message).toMatchObject({ chatId: chat.id, authorId: bot.id, text: 'Here is the report', params: { FILE_ID: [answer.file.id] } })
    expect(added.mock.calls).toEqual([[message]])
  })

  it('uploads into the private dialog with a user, answering the dialog as the bot sees it', async () => {
    const user = emulator.portal.createUser()
    const { result } = await call('imbot.v2.File.upload', {
      botId: bot.id,
      dialogId: String(user.id),
      fields: { name: 'a.txt', content: 'SGk=' },
    })
    expect(result).toMatchObject({ dialogId: String(user.id) })
  })

  it('uploads as an OAuth app bot', async () => {
    const app = emulator.portal.addApp()
    const appBot = emulator.portal.createBot({ appId: app.clientId, code: 'oauth', generation: 'v2' })
    chat.userIds.add(appBot.id)
    const { access_token } = emulator.portal.tokens.issue(app, 1)
    const { result } = await call(
      'imbot.v2.File.upload',
      { auth: access_token, botToken: undefined, botId: appBot.id, dialogId: dialog(), fields },
      `${emulator.url}/rest/`,
    )
    expect(result).toMatchObject({ chatId: chat.id })
  })

  it.each([
    ['no name', 'FILE_EMPTY', { content: 'SGk=' }],
    ['no content', 'FILE_EMPTY', { name: 'a.txt' }],
    ['content with a data: prefix', 'FILE_INVALID_CONTENT', { name: 'a.txt', content: 'data:text/plain;base64,SGk=' }],
    ['content of a bad length', 'FILE_INVALID_CONTENT', { name: 'a.txt', content: 'SGVsb' }],
  ])('refuses %s with 400 %s', async (_label, code, uploaded) => {
    const { error } = await call('imbot.v2.File.upload', { botId: bot.id, dialogId: dialog(), fields: uploaded })
    expect([error?.status, error?.code]).toEqual([400, code])
  })

  it('refuses a dialog the bot is not in with ACCESS_DENIED, and a foreign bot with BOT_OWNERSHIP_ERROR', async () => {
    expect((await call('imbot.v2.File.upload', { botId: bot.id, dialogId: 'chat1', fields })).error?.code).toBe('ACCESS_DENIED')
    expect((await call('imbot.v2.File.upload', { botId: bot.id, botToken: 'other', dialogId: dialog(), fields })).error?.code).toBe(
      'BOT_OWNERSHIP_ERROR',
    )
    expect(emulator.portal.files.size).toBe(0)
  })
})

describe('imbot.v2.File.download', () => {
  it('answers a URL that serves the file bytes, like the example', async () => {
    const uploaded = await call('imbot.v2.File.upload', {
      botId: bot.id,
      dialogId: dialog(),
      fields: { name: 'notes & more.txt', content: 'SGVsbG8gV29ybGQh' },
    })
    const fileId = (uploaded.result as { file: { id: number } }).file.id
    const { result } = await call('imbot.v2.File.download', { botId: bot.id, fileId })
    expect(keys(result)).toEqual(keys(botDownloadExample.response.result))
    expect(await download((result as { downloadUrl: string }).downloadUrl)).toEqual({ status: 200, text: 'Hello World!' })
    expect((await download(`${emulator.url}/emulator/files/999/x.txt`)).status).toBe(404)
  })

  it('refuses an unknown file with FILE_NOT_FOUND and a file of a chat the bot is not in with FILE_ACCESS_ERROR', async () => {
    const foreign = emulator.portal.addFile({ chatId: 1, authorId: 1, name: 'x.txt', content: new Uint8Array([1]) })
    expect((await call('imbot.v2.File.download', { botId: bot.id, fileId: 999 })).error?.code).toBe('FILE_NOT_FOUND')
    expect((await call('imbot.v2.File.download', { botId: bot.id, fileId: foreign.id })).error?.code).toBe('FILE_ACCESS_ERROR')
  })
})

describe('im.v2.File.upload and download', () => {
  const user = sdkCaller(() => emulator)

  it('upload as the calling user, answering the richer File object of the example', async () => {
    while (emulator.portal.chats.size < 5) emulator.portal.createChat() // the example's chat5, user 1 its owner
    const { result } = await user('im.v2.File.upload', imUploadExample.params)
    const answer = result as { file: Record<string, unknown>; messageId: number; dialogId: string }
    expect(keys(answer)).toEqual(keys(imUploadExample.response.result))
    expect(keys(answer.file)).toEqual(keys(imUploadExample.response.result.file))
    expect(answer.file).toMatchObject({
      name: 'report.pdf',
      extension: 'pdf',
      size: 12,
      type: 'file',
      authorId: 1,
      status: 'done',
      progress: 100,
      image: false,
    })
    expect(emulator.portal.messages.get(answer.messageId)).toMatchObject({ authorId: 1, chatId: 5 })
    expect(answer.dialogId).toBe('chat5')
  })

  it('download from a dialog the user is in', async () => {
    const uploaded = await user('im.v2.File.upload', { dialogId: 'chat1', fields: { name: 'a.txt', content: 'SGk=' } })
    const fileId = (uploaded.result as { file: { id: number } }).file.id
    const { result } = await user('im.v2.File.download', { dialogId: 'chat1', fileId })
    expect(keys(result)).toEqual(keys(imDownloadExample.response.result))
    expect(await download((result as { downloadUrl: string }).downloadUrl)).toEqual({ status: 200, text: 'Hi' })
    expect((await user('im.v2.File.download', { dialogId: dialog(), fileId })).error?.code).toBe('ACCESS_DENIED')
    expect((await user('im.v2.File.download', { dialogId: 'chat1', fileId: 999 })).error?.code).toBe('FILE_NOT_FOUND')
  })

  it('refuse an unknown chat with CHAT_NOT_FOUND, a chat the user is not in with ACCESS_DENIED, empty content with FILE_EMPTY', async () => {
    expect((await user('im.v2.File.upload', { dialogId: 'chat999', fields })).error?.code).toBe('CHAT_NOT_FOUND')
    expect((await user('im.v2.File.upload', { dialogId: dialog(), fields })).error?.code).toBe('ACCESS_DENIED')
    expect((await user('im.v2.File.upload', { dialogId: 'chat1', fields: { name: 'a.txt', content: '' } })).error?.code).toBe('FILE_EMPTY')
  })

  it('need the im scope', async () => {
    const webhook = emulator.portal.addWebhook({ scopes: ['imbot'] })
    const { error } = await user('im.v2.File.upload', { dialogId: 'chat1', fields }, `${emulator.url}/rest/1/${webhook.secret}/`)
    expect(error?.code).toBe('insufficient_scope')
  })
})

describe('the 100 MB limit', () => {
  let big: Emulator
  beforeEach(async () => {
    big = await startEmulator()
  })
  afterEach(async () => {
    await big.close()
  })

  it('refuses a file over 100 MB with FILE_TOO_LARGE', { timeout: 60_000 }, async () => {
    const content = 'A'.repeat(Math.ceil((104_857_600 + 1) / 3) * 4)
    const { error } = await sdkCaller(() => big)('im.v2.File.upload', { dialogId: 'chat1', fields: { name: 'big.bin', content } })
    expect([error?.status, error?.code]).toEqual([400, 'FILE_TOO_LARGE'])
  })
})
