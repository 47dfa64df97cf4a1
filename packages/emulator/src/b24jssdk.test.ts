import { B24Hook } from '@bitrix24/b24jssdk'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from './start-emulator.ts'

/**
 * Fidelity against a client nobody here wrote: the official @bitrix24/b24jssdk. It insists on an
 * https webhook, so the emulator serves TLS with a throwaway self-signed certificate.
 */
let emulator: Emulator
let previousTlsSetting: string | undefined
beforeAll(async () => {
  const certificate = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  })
  emulator = await startEmulator({ tls: { key: certificate.private, cert: certificate.cert } })
  // The SDK uses axios over Node's TLS; this process trusts the throwaway certificate only for this file.
  previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
})
afterAll(async () => {
  if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting
  await emulator.close()
})

describe('@bitrix24/b24jssdk against the emulator', () => {
  it('serves https when given a certificate', () => {
    expect(emulator.webhookUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/rest\/1\/\w+\/$/)
  })

  it('calls imbot.chat.get and reads { ID }', async () => {
    const chat = emulator.portal.createChat({ entityType: 'ORDER', entityId: '13' })
    const b24 = B24Hook.fromWebhookUrl(emulator.webhookUrl)
    const answer = await b24.actions.v2.call.make({ method: 'imbot.chat.get', params: { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 } })
    expect(answer.getData()).toMatchObject({ result: { ID: chat.id } })
    expect(emulator.portal.requests.at(-1)).toMatchObject({
      method: 'imbot.chat.get',
      status: 200,
      params: { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 },
    })
  })

  it('calls imbot.message.add and reads the message id', async () => {
    const bot = emulator.portal.createBot({ appId: 'customsdk', code: 'sdkbot', name: 'SDK' })
    const user = emulator.portal.createUser({ name: 'Ann' })
    const b24 = B24Hook.fromWebhookUrl(emulator.webhookUrl)
    const answer = await b24.actions.v2.call.make({
      method: 'imbot.message.add',
      params: {
        CLIENT_ID: 'sdk',
        BOT_ID: bot.id,
        DIALOG_ID: user.id,
        MESSAGE: 'Hello from the official SDK',
        KEYBOARD: [{ TEXT: 'OK', COMMAND: 'ok' }],
      },
    })
    const messageId = (answer.getData() as { result: number }).result
    expect(emulator.portal.messages.get(messageId)).toMatchObject({
      authorId: bot.id,
      text: 'Hello from the official SDK',
      params: { KEYBOARD: [{ TEXT: 'OK', COMMAND: 'ok' }] },
    })
  })

  it('runs a batch and reads each command result', async () => {
    const chat = emulator.portal.createChat({ entityType: 'DEAL', entityId: '7' })
    const b24 = B24Hook.fromWebhookUrl(emulator.webhookUrl)
    const answer = await b24.actions.v2.batch.make({
      calls: {
        found: { method: 'imbot.chat.get', params: { ENTITY_TYPE: 'DEAL', ENTITY_ID: 7 } },
        missing: { method: 'imbot.chat.get', params: { ENTITY_TYPE: 'DEAL', ENTITY_ID: 8 } },
      },
    })
    expect(answer.isSuccess).toBe(true)
    expect(answer.getData()).toEqual({ found: { ID: chat.id }, missing: null })
    expect(emulator.portal.requests.at(-1)).toMatchObject({ method: 'batch', status: 200 })
  })

  it('surfaces an error envelope as the SDK error with the code', async () => {
    const b24 = B24Hook.fromWebhookUrl(`${emulator.url}/rest/1/not-the-secret/`)
    await expect(b24.actions.v2.call.make({ method: 'imbot.chat.get', params: { ENTITY_TYPE: 'A', ENTITY_ID: 1 } })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
  })
})
