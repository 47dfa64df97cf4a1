import { createClient } from '@b24bot/transport'
import ky from 'ky'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import example from '@b24bot/spec-fixtures/examples-v2/imbot.v2.Chat.Message.send.json' with { type: 'json' }
import { REACTION_CODES, base64ByteLength, hasMessageContent, isKnownReaction } from '../../schemas/v2-messages.ts'
import { imV2EventGet } from '../im-v2-event-get.ts'
import { imV2EventSubscribe } from '../im-v2-event-subscribe.ts'
import { imV2EventUnsubscribe } from '../im-v2-event-unsubscribe.ts'
import { imV2FileDownload } from '../im-v2-file-download.ts'
import { imV2FileUpload } from '../im-v2-file-upload.ts'
import { imbotV2ChatMessageDelete } from '../imbot-v2-chat-message-delete.ts'
import { imbotV2ChatMessageGet } from '../imbot-v2-chat-message-get.ts'
import { imbotV2ChatMessageGetContext } from '../imbot-v2-chat-message-getcontext.ts'
import { imbotV2ChatMessageReactionAdd } from '../imbot-v2-chat-message-reaction-add.ts'
import { imbotV2ChatMessageReactionDelete } from '../imbot-v2-chat-message-reaction-delete.ts'
import { imbotV2ChatMessageRead } from '../imbot-v2-chat-message-read.ts'
import { imbotV2ChatMessageSend } from '../imbot-v2-chat-message-send.ts'
import { imbotV2ChatMessageUpdate } from '../imbot-v2-chat-message-update.ts'
import { imbotV2CommandAnswer } from '../imbot-v2-command-answer.ts'
import { imbotV2CommandList } from '../imbot-v2-command-list.ts'
import { imbotV2CommandRegister } from '../imbot-v2-command-register.ts'
import { imbotV2CommandUnregister } from '../imbot-v2-command-unregister.ts'
import { imbotV2CommandUpdate } from '../imbot-v2-command-update.ts'
import { imbotV2EventGet } from '../imbot-v2-event-get.ts'
import { imbotV2FileDownload } from '../imbot-v2-file-download.ts'
import { imbotV2FileUpload } from '../imbot-v2-file-upload.ts'
import { imbotV2RevisionGet } from '../imbot-v2-revision-get.ts'
import { v2MessagesCommands } from './v2-messages-commands.ts'

const bot = { botId: 456, botToken: 'my_bot_token' }
const uuid = '5f0c1c1e-0000-4000-8000-000000000001'

describe('the v2-messages-commands group', () => {
  it('lists its 22 methods in spec order, the imbot.v2 ones first', () => {
    expect(v2MessagesCommands.map((descriptor) => descriptor.method)).toEqual([
      'imbot.v2.Chat.Message.send',
      'imbot.v2.Chat.Message.update',
      'imbot.v2.Chat.Message.delete',
      'imbot.v2.Chat.Message.read',
      'imbot.v2.Chat.Message.get',
      'imbot.v2.Chat.Message.getContext',
      'imbot.v2.Chat.Message.Reaction.add',
      'imbot.v2.Chat.Message.Reaction.delete',
      'imbot.v2.Command.register',
      'imbot.v2.Command.update',
      'imbot.v2.Command.list',
      'imbot.v2.Command.unregister',
      'imbot.v2.Command.answer',
      'imbot.v2.Event.get',
      'imbot.v2.File.upload',
      'imbot.v2.File.download',
      'imbot.v2.Revision.get',
      'im.v2.Event.subscribe',
      'im.v2.Event.unsubscribe',
      'im.v2.Event.get',
      'im.v2.File.upload',
      'im.v2.File.download',
    ])
  })
})

describe('ids', () => {
  it('accepts an id as a decimal string, as pushed events deliver it, and sends a number', async () => {
    const sent: unknown[] = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      sent.push(await new Request(input, init).json())
      return Response.json({
        result: { result: true },
        time: { start: 1, finish: 1, duration: 0, processing: 0, date_start: '', date_finish: '' },
      })
    }
    const client = createClient({ webhookUrl: 'https://portal.example/rest/1/secret/', ky: ky.create({ fetch }) })
    await expect(client.call(imbotV2ChatMessageDelete, { botId: '456', messageId: '789' })).resolves.toBe(true)
    expect(sent).toEqual([{ botId: 456, messageId: 789 }])
  })
})

describe('every method refuses invalid params before sending', () => {
  it.each([
    ['Chat.Message.send without botId', imbotV2ChatMessageSend, { dialogId: 'chat5', fields: { message: 'Hi' } }, 'botId'],
    ['Chat.Message.update without messageId', imbotV2ChatMessageUpdate, { ...bot, fields: { message: 'Hi' } }, 'messageId'],
    ['Chat.Message.delete with a messageId that is not an id', imbotV2ChatMessageDelete, { ...bot, messageId: '789abc' }, 'messageId'],
    ['Chat.Message.read with a bad dialogId', imbotV2ChatMessageRead, { ...bot, dialogId: 'group5' }, 'dialogId'],
    ['Chat.Message.get without messageId', imbotV2ChatMessageGet, { ...bot }, 'messageId'],
    ['Chat.Message.getContext with range 51', imbotV2ChatMessageGetContext, { ...bot, messageId: 789, range: 51 }, 'range'],
    ['Reaction.add with an emoji', imbotV2ChatMessageReactionAdd, { ...bot, messageId: 789, reaction: '👍' }, 'reaction'],
    ['Reaction.delete without reaction', imbotV2ChatMessageReactionDelete, { ...bot, messageId: 789 }, 'reaction'],
    ['Command.register without fields', imbotV2CommandRegister, { ...bot }, 'fields'],
    [
      'Command.update with a two-word command',
      imbotV2CommandUpdate,
      { ...bot, commandId: 42, fields: { command: 'get help' } },
      'fields.command',
    ],
    ['Command.list with an unknown param', imbotV2CommandList, { ...bot, limit: 10 }, 'limit'],
    ['Command.unregister without commandId', imbotV2CommandUnregister, { ...bot }, 'commandId'],
    [
      'Command.answer without dialogId',
      imbotV2CommandAnswer,
      { ...bot, commandId: 42, messageId: 789, fields: { message: 'x' } },
      'dialogId',
    ],
    ['Event.get with limit 0', imbotV2EventGet, { ...bot, limit: 0 }, 'limit'],
    ['File.upload without a name', imbotV2FileUpload, { ...bot, dialogId: 'chat5', fields: { content: 'SGk=' } }, 'fields.name'],
    ['File.download without fileId', imbotV2FileDownload, { ...bot }, 'fileId'],
    ['Revision.get with a botId', imbotV2RevisionGet, { botId: 456 }, 'botId'],
    ['im.v2.Event.subscribe with a param', imV2EventSubscribe, { botId: 456 }, 'botId'],
    ['im.v2.Event.unsubscribe with a param', imV2EventUnsubscribe, { offset: 1 }, 'offset'],
    ['im.v2.Event.get with limit 1001', imV2EventGet, { limit: 1001 }, 'limit'],
    [
      'im.v2.File.upload with a data: URL',
      imV2FileUpload,
      { dialogId: 'chat5', fields: { name: 'a.txt', content: 'data:text/plain;base64,SGk=' } },
      'fields.content',
    ],
    ['im.v2.File.download without dialogId', imV2FileDownload, { fileId: 138 }, 'dialogId'],
  ] as const)('%s', async (_name, descriptor, params, field) => {
    await expectInvalid(descriptor, params, field)
  })
})

describe('imbot.v2.Chat.Message.send', () => {
  const params = (input: unknown) => v.safeParse(imbotV2ChatMessageSend.params, input)

  it('refuses an empty message before the server answers EMPTY_MESSAGE', async () => {
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5' }, 'fields')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: {} }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { message: '  \n ' } }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { attach: [] } }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { forwardIds: {} } }, 'fields.message')
    await expectInvalid(
      imbotV2ChatMessageSend,
      { ...bot, dialogId: 'chat5', fields: { keyboard: [{ TEXT: 'Open', LINK: 'https://example.com' }] } },
      'fields.message',
    )
  })

  it('accepts text, an attachment or a forward as content', () => {
    expect(params({ ...bot, dialogId: 'chat5', fields: { message: 'Hi' } }).success).toBe(true)
    expect(params({ ...bot, dialogId: 'chat5', fields: { attach: [{ MESSAGE: 'Block' }] } }).success).toBe(true)
    expect(params({ ...bot, dialogId: 5, fields: { forwardIds: { [uuid]: 785 } } }).success).toBe(true)
  })

  it('sends v2 booleans as JSON booleans and keeps the other fields', () => {
    const fields = { message: 'Hi', system: 'Y', urlPreview: 'N', replyId: 785, templateId: uuid, skipConnector: true }
    expect(v.parse(imbotV2ChatMessageSend.params, { ...bot, dialogId: 'chat5', fields })).toEqual({
      ...bot,
      dialogId: 'chat5',
      fields: { ...fields, system: true, urlPreview: false, skipConnector: true },
    })
  })

  it('refuses text over 20,000 characters, a non-UUID template, more than 100 forwards and unknown fields', async () => {
    const chat = { ...bot, dialogId: 'chat5' }
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'x'.repeat(20_001) } }, 'fields.message')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', templateId: 'tpl-1' } }, 'fields.templateId')
    const forwardIds = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`uuid-${String(index)}`, index + 1]))
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { forwardIds } }, 'fields.forwardIds')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', menu: [] } }, 'fields.menu')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', system: 'yes' } }, 'fields.system')
    await expectInvalid(imbotV2ChatMessageSend, { ...chat, fields: { message: 'Hi', replyId: 0 } }, 'fields.replyId')
  })

  it('resolves to { id, uuidMap } with numbers, and {} for an empty map', () => {
    const result = (input: unknown) => v.parse(imbotV2ChatMessageSend.result, input)
    expect(result({ id: '789', uuidMap: { [uuid]: '790' } })).toEqual({ id: 789, uuidMap: { [uuid]: 790 } })
    expect(result({ id: 789, uuidMap: [] })).toEqual({ id: 789, uuidMap: {} })
    expect(result({ id: 789 })).toEqual({ id: 789, uuidMap: {} })
    expect(v.safeParse(imbotV2ChatMessageSend.result, { id: 'abc', uuidMap: {} }).success).toBe(false)
  })
})

describe('imbot.v2.Chat.Message.update', () => {
  it('sends urlPreview as "Y"/"N", from a boolean or a string', () => {
    const parse = (urlPreview: unknown) => v.parse(imbotV2ChatMessageUpdate.params, { ...bot, messageId: 789, fields: { urlPreview } })
    expect(parse(true).fields.urlPreview).toBe('Y')
    expect(parse(false).fields.urlPreview).toBe('N')
    expect(parse('N').fields.urlPreview).toBe('N')
  })

  it('accepts keyboard "N" to remove the keyboard', () => {
    expect(v.parse(imbotV2ChatMessageUpdate.params, { ...bot, messageId: 789, fields: { keyboard: 'N' } }).fields.keyboard).toBe('N')
  })

  it('refuses fields update does not have and a missing fields', async () => {
    await expectInvalid(imbotV2ChatMessageUpdate, { ...bot, messageId: 789, fields: { system: true } }, 'fields.system')
    await expectInvalid(
      imbotV2ChatMessageUpdate,
      { ...bot, messageId: 789, fields: { message: 'x', urlPreview: 'maybe' } },
      'fields.urlPreview',
    )
    await expectInvalid(imbotV2ChatMessageUpdate, { ...bot, messageId: 789 }, 'fields')
  })

  it('unwraps { result: true }', () => {
    expect(v.parse(imbotV2ChatMessageUpdate.result, { result: true })).toBe(true)
    expect(v.parse(imbotV2ChatMessageDelete.result, true)).toBe(true)
  })
})

describe('imbot.v2.Chat.Message.delete, read, get, getContext', () => {
  it('delete sends complete as a boolean', () => {
    expect(v.parse(imbotV2ChatMessageDelete.params, { ...bot, messageId: 789, complete: 'Y' })).toEqual({
      ...bot,
      messageId: 789,
      complete: true,
    })
  })

  it('read normalizes ids and keeps the counter', () => {
    expect(v.parse(imbotV2ChatMessageRead.result, { chatId: '5', lastId: '789', counter: 0, viewedMessages: ['785', 789] })).toEqual({
      chatId: 5,
      lastId: 789,
      counter: 0,
      viewedMessages: [785, 789],
    })
  })

  it('get keeps unknown message fields, turns PHP [] params into {}, and a missing author into null', () => {
    const parsed = v.parse(imbotV2ChatMessageGet.result, {
      message: { id: '789', chatId: '5', authorId: '0', text: 'System', params: [], isSystem: true, componentId: 'x' },
    })
    expect(parsed).toEqual({
      message: { id: 789, chatId: 5, authorId: 0, text: 'System', params: {}, isSystem: true, componentId: 'x' },
      user: null,
    })
  })

  it('getContext refuses range 0 and reads a window', async () => {
    await expectInvalid(imbotV2ChatMessageGetContext, { ...bot, messageId: 789, range: 0 }, 'range')
    const window = v.parse(imbotV2ChatMessageGetContext.result, {
      messages: [],
      users: [{ id: '1', name: 'John' }],
      hasPrevPage: false,
      hasNextPage: true,
    })
    expect(window).toEqual({ messages: [], users: [{ id: 1, name: 'John' }], hasPrevPage: false, hasNextPage: true })
  })
})

describe('reactions', () => {
  it('accept the 48 documented codes', () => {
    expect(REACTION_CODES).toHaveLength(48)
    for (const reaction of REACTION_CODES) {
      expect(v.safeParse(imbotV2ChatMessageReactionAdd.params, { ...bot, messageId: 789, reaction }).success).toBe(true)
    }
  })

  it('accept a camelCase code the docs do not list yet (the server decides), refuse anything else', async () => {
    expect(v.parse(imbotV2ChatMessageReactionAdd.params, { ...bot, messageId: 789, reaction: 'rocket' }).reaction).toBe('rocket')
    expect(isKnownReaction('rocket')).toBe(false)
    expect(isKnownReaction('like')).toBe(true)
    for (const reaction of ['', 'Like', 'thumbs up', 'thumbs_up', ':+1:', 7]) {
      await expectInvalid(imbotV2ChatMessageReactionDelete, { ...bot, messageId: 789, reaction }, 'reaction')
    }
  })
})

describe('commands', () => {
  it('register requires a title unless the command is hidden', async () => {
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: 'help' } }, 'fields.title')
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: 'help', title: {} } }, 'fields.title')
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: 'help', hidden: false } }, 'fields.title')
    expect(v.parse(imbotV2CommandRegister.params, { ...bot, fields: { command: 'secret', hidden: 'Y' } }).fields).toEqual({
      command: 'secret',
      hidden: true,
    })
  })

  it('register and update send a command typed with its slash without it', () => {
    const title = { en: 'Help' }
    expect(v.parse(imbotV2CommandRegister.params, { ...bot, fields: { command: '/help', title } }).fields.command).toBe('help')
    expect(v.parse(imbotV2CommandUpdate.params, { ...bot, commandId: 42, fields: { command: '/help' } }).fields.command).toBe('help')
  })

  it('register refuses a bare slash, spaces, bad language codes and the legacy flat format', async () => {
    const title = { en: 'Help' }
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: '/', title } }, 'fields.command')
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: 'help me', title } }, 'fields.command')
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: '', title } }, 'fields.command')
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: 'help', title: { EN: 'Help' } } }, 'fields.title.EN')
    await expectInvalid(imbotV2CommandRegister, { ...bot, fields: { command: 'help', title, params: { en: 5 } } }, 'fields.params.en')
    await expectInvalid(imbotV2CommandRegister, { ...bot, command: 'help', title }, 'command')
  })

  it('update patches titles per language with null deleting one', () => {
    const fields = { title: { de: 'Hilfe', en: null }, common: 'N' }
    expect(v.parse(imbotV2CommandUpdate.params, { ...bot, commandId: 42, fields }).fields).toEqual({
      title: { de: 'Hilfe', en: null },
      common: false,
    })
  })

  it('the Command object: ids to numbers, list-only texts optional', () => {
    const command = { id: '42', botId: '456', command: '/help', common: false, hidden: false, extranetSupport: false }
    expect(v.parse(imbotV2CommandRegister.result, { command })).toEqual({ command: { ...command, id: 42, botId: 456 } })
    expect(v.parse(imbotV2CommandUpdate.result, { command }).command.id).toBe(42)
    const listed = { ...command, title: 'Help', params: '', category: 'My Bot', context: '' }
    expect(v.parse(imbotV2CommandList.result, { commands: [listed] })).toEqual({ commands: [{ ...listed, id: 42, botId: 456 }] })
    expect(v.safeParse(imbotV2CommandList.result, { commands: [{ ...command, hidden: 'N' }] }).success).toBe(false)
  })

  it('unregister and answer unwrap { result: true }; answer does not return a message id', () => {
    expect(v.parse(imbotV2CommandUnregister.result, { result: true })).toBe(true)
    expect(v.parse(imbotV2CommandAnswer.result, { result: true })).toBe(true)
    expect(v.safeParse(imbotV2CommandAnswer.result, 33879).success).toBe(false)
  })

  it('answer needs text or an attachment', async () => {
    const call = { ...bot, commandId: 42, messageId: 789, dialogId: 'chat5' }
    await expectInvalid(imbotV2CommandAnswer, call, 'fields')
    await expectInvalid(imbotV2CommandAnswer, { ...call, fields: { system: true } }, 'fields.message')
    expect(
      v.parse(imbotV2CommandAnswer.params, { ...call, fields: { attach: [{ MESSAGE: 'Done' }], urlPreview: 'N' } }).fields.urlPreview,
    ).toBe(false)
  })
})

describe('Event.get (imbot.v2 and im.v2)', () => {
  it('accepts offset 0 or more, limit 1..1000, withUserEvents as a flag', async () => {
    expect(v.parse(imbotV2EventGet.params, { ...bot, offset: 0, limit: 1000, withUserEvents: 'Y' })).toEqual({
      ...bot,
      offset: 0,
      limit: 1000,
      withUserEvents: true,
    })
    expect(v.parse(imV2EventGet.params, {})).toEqual({})
    await expectInvalid(imbotV2EventGet, { ...bot, offset: -1 }, 'offset')
    await expectInvalid(imbotV2EventGet, { ...bot, offset: 1.5 }, 'offset')
    await expectInvalid(imV2EventGet, { withUserEvents: true }, 'withUserEvents')
  })

  it('reads a batch: ids to numbers, data kept as an object, PHP [] data as {}', () => {
    const batch = v.parse(imbotV2EventGet.result, {
      events: [
        { eventId: '1001', type: 'ONIMBOTV2MESSAGEADD', date: '2025-01-15T10:30:00+02:00', data: { message: { id: 1 } } },
        { eventId: 1002, type: 'ONIMBOTV2DELETE', date: '2025-01-15T10:31:00+02:00', data: [] },
      ],
      nextOffset: '1003',
      hasMore: true,
    })
    expect(batch).toEqual({
      events: [
        { eventId: 1001, type: 'ONIMBOTV2MESSAGEADD', date: '2025-01-15T10:30:00+02:00', data: { message: { id: 1 } } },
        { eventId: 1002, type: 'ONIMBOTV2DELETE', date: '2025-01-15T10:31:00+02:00', data: {} },
      ],
      nextOffset: 1003,
      hasMore: true,
    })
  })

  it('turns the legacy lastEventId into nextOffset = lastEventId + 1', () => {
    expect(v.parse(imV2EventGet.result, { events: [], lastEventId: 2001, hasMore: false })).toEqual({
      events: [],
      nextOffset: 2002,
      hasMore: false,
    })
    expect(v.parse(imV2EventGet.result, { events: [], lastEventId: null, hasMore: false }).nextOffset).toBe(0)
    expect(v.parse(imV2EventGet.result, { events: [], nextOffset: 7, lastEventId: 2001, hasMore: false }).nextOffset).toBe(7)
    expect(v.safeParse(imV2EventGet.result, { events: [], hasMore: false }).success).toBe(false)
  })
})

describe('files', () => {
  it('checks the Base64 content: alphabet, data: prefix, empty, 100 MB', async () => {
    const upload = (content: unknown) => ({ ...bot, dialogId: 'chat5', fields: { name: 'a.bin', content } })
    expect(v.safeParse(imbotV2FileUpload.params, upload('SGVsbG8gV29ybGQh')).success).toBe(true)
    expect(v.safeParse(imbotV2FileUpload.params, upload('SGVsbG8\nV29ybGQ')).success).toBe(true)
    for (const content of ['', 'not base64!', 'SGVsb', 'SGVs-_8='])
      await expectInvalid(imbotV2FileUpload, upload(content), 'fields.content')
    expect(base64ByteLength('SGVsbG8gV29ybGQh')).toBe(12)
    const tooBig = 'A'.repeat(Math.ceil((104_857_600 * 4) / 3) + 4)
    await expectInvalid(imbotV2FileUpload, upload(tooBig), 'fields.content')
    expect(base64ByteLength(' SGVs\nbG8=  ')).toBe(5)
  }, 30_000) // builds a 140 MB string on purpose

  it('imbot.v2.File.download takes an optional dialogId; im.v2 requires it', () => {
    expect(v.safeParse(imbotV2FileDownload.params, { ...bot, fileId: 138 }).success).toBe(true)
    expect(v.parse(imbotV2FileDownload.params, { ...bot, fileId: 138, dialogId: 'chat5' })).toEqual({
      ...bot,
      fileId: 138,
      dialogId: 'chat5',
    })
    expect(v.parse(imV2FileDownload.result, { downloadUrl: 'https://p.example/rest/download.json?token=x' })).toEqual({
      downloadUrl: 'https://p.example/rest/download.json?token=x',
    })
  })

  it('reads the upload results with ids as numbers', () => {
    const file = { id: '138', chatId: '5', name: 'report.pdf', extension: 'pdf', size: '35341' }
    expect(v.parse(imbotV2FileUpload.result, { file, messageId: '123', chatId: 5, dialogId: 'chat5' })).toEqual({
      file: { id: 138, chatId: 5, name: 'report.pdf', extension: 'pdf', size: 35341 },
      messageId: 123,
      chatId: 5,
      dialogId: 'chat5',
    })
    expect(v.safeParse(imV2FileUpload.result, { file, messageId: 123, chatId: 5, dialogId: 'chat5' }).success).toBe(false)
  })
})

describe('Revision.get and im.v2.Event.subscribe/unsubscribe', () => {
  it('take no params and resolve to the documented values', () => {
    expect(v.parse(imbotV2RevisionGet.params, {})).toEqual({})
    expect(v.parse(imbotV2RevisionGet.result, { rest: '33', web: 130, mobile: 23, desktop: 6 })).toEqual({
      rest: 33,
      web: 130,
      mobile: 23,
      desktop: 6,
    })
    expect(v.parse(imV2EventSubscribe.result, true)).toBe(true)
    expect(v.parse(imV2EventUnsubscribe.result, { result: true })).toBe(true)
  })
})

describe('a round trip through the client', () => {
  it('sends the normalized params and resolves to the normalized result', async () => {
    const bodies: unknown[] = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      bodies.push(await request.json())
      return Response.json({ result: { id: '790', uuidMap: [] }, time: example.response.time })
    }
    const client = createClient({ webhookUrl: 'https://portal.example/rest/1/secret/', ky: ky.create({ fetch }) })
    const sent = await client.call(imbotV2ChatMessageSend, { ...bot, dialogId: 'chat5', fields: { message: 'Hi', urlPreview: 'N' } })
    expect(sent).toEqual({ id: 790, uuidMap: {} })
    expect(bodies).toEqual([{ ...bot, dialogId: 'chat5', fields: { message: 'Hi', urlPreview: false } }])
  })
})

describe('hasMessageContent', () => {
  it('counts non-blank text, a non-empty attach and forwards, not a keyboard', () => {
    expect(hasMessageContent({ message: 'x' })).toBe(true)
    expect(hasMessageContent({ attach: { BLOCKS: [] } })).toBe(false)
    expect(hasMessageContent({ attach: { BLOCKS: [{ MESSAGE: 'x' }] } })).toBe(true)
    expect(hasMessageContent({ attach: '[{"MESSAGE":"x"}]' })).toBe(true)
    expect(hasMessageContent({ forwardIds: { a: 1 } })).toBe(true)
    expect(hasMessageContent({})).toBe(false)
  })
})
