import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import commandAnswerExample from '@b24bot/spec-fixtures/examples/imbot.command.answer.json' with { type: 'json' }
import commandRegisterExample from '@b24bot/spec-fixtures/examples/imbot.command.register.json' with { type: 'json' }
import commandUpdateExample from '@b24bot/spec-fixtures/examples/imbot.command.update.json' with { type: 'json' }
import messageAddExample from '@b24bot/spec-fixtures/examples/imbot.message.add.json' with { type: 'json' }
import { imbotAppRegister } from '../imbot-app-register.ts'
import { imbotAppUnregister } from '../imbot-app-unregister.ts'
import { imbotAppUpdate } from '../imbot-app-update.ts'
import { imbotCommandAnswer } from '../imbot-command-answer.ts'
import { imbotCommandRegister } from '../imbot-command-register.ts'
import { imbotCommandUnregister } from '../imbot-command-unregister.ts'
import { imbotCommandUpdate } from '../imbot-command-update.ts'
import { imbotMessageAdd } from '../imbot-message-add.ts'
import { imbotMessageDelete } from '../imbot-message-delete.ts'
import { imbotMessageLike } from '../imbot-message-like.ts'
import { imbotMessageUpdate } from '../imbot-message-update.ts'
import { classicMessagesCommands } from './classic-messages-commands.ts'

type Descriptor = (typeof classicMessagesCommands)[number]

const params = (descriptor: Descriptor, input: unknown) => v.safeParse(descriptor.params, input)
const result = (descriptor: Descriptor, input: unknown) => v.safeParse(descriptor.result, input)
const paths = (descriptor: Descriptor, input: unknown) => params(descriptor, input).issues?.map((issue) => v.getDotPath(issue)) ?? []

const lang = [{ LANGUAGE_ID: 'en', TITLE: 'Echo', PARAMS: 'text' }]
const appLang = [{ LANGUAGE_ID: 'en', TITLE: 'Help', DESCRIPTION: 'Send /help' }]
const hash = 'd1ab17949a572b0979d8db0d5b349cd2'

describe('the group', () => {
  it('lists the eleven methods in spec order', () => {
    expect(classicMessagesCommands.map((descriptor) => descriptor.method)).toEqual([
      'imbot.message.add',
      'imbot.message.update',
      'imbot.message.delete',
      'imbot.message.like',
      'imbot.command.register',
      'imbot.command.unregister',
      'imbot.command.update',
      'imbot.command.answer',
      'imbot.app.register',
      'imbot.app.update',
      'imbot.app.unregister',
    ])
  })
})

describe('imbot.message.add', () => {
  it('sends the documented example, with flags as Y/N', () => {
    expect(params(imbotMessageAdd, messageAddExample.params)).toMatchObject({
      success: true,
      output: { DIALOG_ID: 'chat123', SYSTEM: 'N' },
    })
    expect(params(imbotMessageAdd, { DIALOG_ID: 5, MESSAGE: 'hi', SYSTEM: true, URL_PREVIEW: false, SKIP_CONNECTOR: true }).output).toEqual(
      {
        DIALOG_ID: 5,
        MESSAGE: 'hi',
        SYSTEM: 'Y',
        URL_PREVIEW: 'N',
        SKIP_CONNECTOR: 'Y',
      },
    )
  })

  it('needs DIALOG_ID unless FROM_USER_ID and TO_USER_ID are both given', async () => {
    expect(params(imbotMessageAdd, { FROM_USER_ID: 1, TO_USER_ID: 2, MESSAGE: 'hi' }).success).toBe(true)
    await expectInvalid(imbotMessageAdd, { MESSAGE: 'hi' }, 'DIALOG_ID')
    await expectInvalid(imbotMessageAdd, { FROM_USER_ID: 1, MESSAGE: 'hi' }, 'TO_USER_ID')
    await expectInvalid(imbotMessageAdd, { TO_USER_ID: 2, DIALOG_ID: 'chat1', MESSAGE: 'hi' }, 'FROM_USER_ID')
    await expectInvalid(imbotMessageAdd, { FROM_USER_ID: 0, TO_USER_ID: 2, MESSAGE: 'hi' }, 'FROM_USER_ID')
  })

  it('refuses a missing, blank or over-long MESSAGE, but keeps exactly 20,000 characters', async () => {
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1' }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: '' }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: ' \n\t ' }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 7 }, 'MESSAGE')
    await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 'x'.repeat(20_001) }, 'MESSAGE')
    expect(params(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 'x'.repeat(20_000) }).success).toBe(true)
  })

  it.each([
    [{ DIALOG_ID: 'chat0x', MESSAGE: 'hi' }, 'DIALOG_ID'],
    [{ DIALOG_ID: 0, MESSAGE: 'hi' }, 'DIALOG_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', BOT_ID: '39abc' }, 'BOT_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', SYSTEM: 'y' }, 'SYSTEM'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', CLIENT_ID: '' }, 'CLIENT_ID'],
    [{ DIALOG_ID: 'chat1', MESSAGE: 'hi', CHAT_ID: 1 }, 'CHAT_ID'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotMessageAdd, input, field)
  })

  it('resolves to the message id as a number', () => {
    expect(result(imbotMessageAdd, '19880117')).toMatchObject({ success: true, output: 19880117 })
    expect(result(imbotMessageAdd, true).success).toBe(false)
  })
})

describe('removal values on methods that create a message', () => {
  it('refuses "N" for ATTACH, KEYBOARD and MENU, which only updates can remove', async () => {
    for (const field of ['ATTACH', 'KEYBOARD', 'MENU']) {
      await expectInvalid(imbotMessageAdd, { DIALOG_ID: 'chat1', MESSAGE: 'hi', [field]: 'N' }, field)
      await expectInvalid(imbotCommandAnswer, { COMMAND_ID: 1, MESSAGE_ID: 2, MESSAGE: 'hi', [field]: 'N' }, field)
    }
  })
})

describe('imbot.message.update', () => {
  it('accepts a lone MESSAGE_ID, and "N" or "" to remove ATTACH, KEYBOARD and MENU', () => {
    expect(params(imbotMessageUpdate, { MESSAGE_ID: 1 }).success).toBe(true)
    for (const removal of ['N', '']) {
      expect(params(imbotMessageUpdate, { MESSAGE_ID: 1, ATTACH: removal, KEYBOARD: removal, MENU: removal })).toMatchObject({
        success: true,
        output: { ATTACH: removal, KEYBOARD: removal, MENU: removal },
      })
    }
  })

  it('names the nested field of a bad keyboard, attachment or menu', async () => {
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, KEYBOARD: [{ TEXT: 'Open', LINK: 'ftp://x' }] }, 'KEYBOARD[0].LINK')
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MENU: { ITEMS: [{ LINK: 'https://example.com' }] } }, 'MENU.ITEMS[0].TEXT')
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MENU: { ITEMS: [{ TEXT: 'Go' }] } }, 'MENU.ITEMS[0]')
  })

  it('refuses an empty MESSAGE, which would delete the message', async () => {
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: '' }, 'MESSAGE')
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: '  ' }, 'MESSAGE')
    expect(params(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: '' }).issues?.[0]?.message).toMatch(/delete/)
  })

  it('refuses a MESSAGE over 20,000 characters', async () => {
    await expectInvalid(imbotMessageUpdate, { MESSAGE_ID: 1, MESSAGE: 'x'.repeat(20_001) }, 'MESSAGE')
  })

  it.each([
    [{}, 'MESSAGE_ID'],
    [{ MESSAGE_ID: 0 }, 'MESSAGE_ID'],
    [{ MESSAGE_ID: '5x' }, 'MESSAGE_ID'],
    [{ MESSAGE_ID: '0' }, 'MESSAGE_ID'],
    [{ MESSAGE_ID: 1, URL_PREVIEW: 'no' }, 'URL_PREVIEW'],
    [{ MESSAGE_ID: 1, SYSTEM: 'Y' }, 'SYSTEM'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotMessageUpdate, input, field)
  })

  it('resolves to true', () => {
    expect(result(imbotMessageUpdate, true)).toMatchObject({ success: true, output: true })
    expect(result(imbotMessageUpdate, false).success).toBe(false)
  })
})

describe('imbot.message.delete and imbot.message.like', () => {
  it('send COMPLETE as Y/N and ACTION as given', () => {
    expect(params(imbotMessageDelete, { MESSAGE_ID: 1, COMPLETE: true }).output).toEqual({ MESSAGE_ID: 1, COMPLETE: 'Y' })
    for (const ACTION of ['auto', 'plus', 'minus'])
      expect(params(imbotMessageLike, { MESSAGE_ID: 1, ACTION }).output).toEqual({ MESSAGE_ID: 1, ACTION })
  })

  it('accept ACTION in upper case, as the server lower-cases it, and send it lower-cased', () => {
    for (const ACTION of ['AUTO', 'PLUS', 'MINUS']) {
      expect(params(imbotMessageLike, { MESSAGE_ID: 1, ACTION }).output).toEqual({ MESSAGE_ID: 1, ACTION: ACTION.toLowerCase() })
    }
  })

  it('refuse a missing MESSAGE_ID and an unknown ACTION', async () => {
    await expectInvalid(imbotMessageDelete, { COMPLETE: 'Y' }, 'MESSAGE_ID')
    await expectInvalid(imbotMessageDelete, { MESSAGE_ID: 1, COMPLETE: 'yes' }, 'COMPLETE')
    await expectInvalid(imbotMessageLike, { ACTION: 'plus' }, 'MESSAGE_ID')
    await expectInvalid(imbotMessageLike, { MESSAGE_ID: 1, ACTION: 'toggle' }, 'ACTION')
    await expectInvalid(imbotMessageLike, { MESSAGE_ID: 1, ACTION: 'like' }, 'ACTION')
  })

  it('resolve to true', () => {
    expect(result(imbotMessageDelete, true).output).toBe(true)
    expect(result(imbotMessageLike, true).output).toBe(true)
  })
})

describe('imbot.command.register', () => {
  it('sends the documented example, and drops a leading slash from COMMAND', () => {
    expect(params(imbotCommandRegister, commandRegisterExample.params).success).toBe(true)
    const input = { BOT_ID: 39, COMMAND: '/echo', EVENT_COMMAND_ADD: 'http://127.0.0.1:3000/command', LANG: lang }
    expect(params(imbotCommandRegister, input).output).toMatchObject({ COMMAND: 'echo' })
  })

  it.each([
    [{ COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'BOT_ID'],
    [{ BOT_ID: 39, EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: 'two words', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: '/', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: '', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'COMMAND'],
    [{ BOT_ID: 39, COMMAND: 'echo', LANG: lang }, 'EVENT_COMMAND_ADD'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'http://localhost:3000/c', LANG: lang }, 'EVENT_COMMAND_ADD'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c' }, 'LANG'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [] }, 'LANG'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [{ LANGUAGE_ID: 'en' }] }, 'LANG.0.TITLE'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [{ ...lang[0], HINT: 'x' }] }, 'LANG.0.HINT'],
    [{ BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang, COMMON: 'maybe' }, 'COMMON'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(paths(imbotCommandRegister, input)).toContain(field)
  })

  it('reports a missing BOT_ID through the client, without a request', async () => {
    await expectInvalid(imbotCommandRegister, { COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, 'BOT_ID')
    await expectInvalid(
      imbotCommandRegister,
      { BOT_ID: 39, COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: [{}] },
      'LANG[0].LANGUAGE_ID',
    )
  })

  it('resolves to the command id as a number', () => {
    expect(result(imbotCommandRegister, commandRegisterExample.response.result).output).toBe(99)
    expect(result(imbotCommandRegister, '99').output).toBe(99)
  })
})

describe('imbot.command.unregister and imbot.command.update', () => {
  it('unregister needs COMMAND_ID and takes no BOT_ID', async () => {
    await expectInvalid(imbotCommandUnregister, {}, 'COMMAND_ID')
    await expectInvalid(imbotCommandUnregister, { COMMAND_ID: 99, BOT_ID: 39 }, 'BOT_ID')
    expect(result(imbotCommandUnregister, true).output).toBe(true)
  })

  it('update sends the documented example and needs at least one field', async () => {
    expect(params(imbotCommandUpdate, commandUpdateExample.params).success).toBe(true)
    expect(params(imbotCommandUpdate, { COMMAND_ID: 99, FIELDS: { HIDDEN: true } }).output).toEqual({
      COMMAND_ID: 99,
      FIELDS: { HIDDEN: 'Y' },
    })
    await expectInvalid(imbotCommandUpdate, { COMMAND_ID: 99, FIELDS: {} }, 'FIELDS')
    await expectInvalid(imbotCommandUpdate, { COMMAND_ID: 99 }, 'FIELDS')
    await expectInvalid(imbotCommandUpdate, { FIELDS: { HIDDEN: 'Y' } }, 'COMMAND_ID')
  })

  it.each([
    [{ COMMAND_ID: 99, FIELDS: { COMMON: 'Y' } }, 'FIELDS.COMMON'],
    [{ COMMAND_ID: 99, FIELDS: { EVENT_COMMAND_ADD: 'ftp://bot.example.com/c' } }, 'FIELDS.EVENT_COMMAND_ADD'],
    [{ COMMAND_ID: 99, FIELDS: { LANG: [] } }, 'FIELDS.LANG'],
    [{ COMMAND_ID: 99, FIELDS: { COMMAND: 'a b' } }, 'FIELDS.COMMAND'],
    [{ COMMAND_ID: 99, HIDDEN: 'Y' }, 'HIDDEN'],
  ])('update refuses %j, naming %s', (input, field) => {
    expect(paths(imbotCommandUpdate, input)).toContain(field)
  })
})

describe('imbot.command.answer', () => {
  it('sends the documented example', () => {
    expect(params(imbotCommandAnswer, commandAnswerExample.params).success).toBe(true)
  })

  it('names the command by COMMAND_ID or COMMAND', async () => {
    expect(params(imbotCommandAnswer, { COMMAND: '/echo', MESSAGE_ID: 1, MESSAGE: 'ok' }).output).toEqual({
      COMMAND: 'echo',
      MESSAGE_ID: 1,
      MESSAGE: 'ok',
    })
    expect(params(imbotCommandAnswer, { COMMAND_ID: 99, COMMAND: 'echo', MESSAGE_ID: 1, MESSAGE: 'ok' }).success).toBe(true)
    await expectInvalid(imbotCommandAnswer, { MESSAGE_ID: 1, MESSAGE: 'ok' }, 'COMMAND_ID')
  })

  it.each([
    [{ COMMAND_ID: 99, MESSAGE: 'ok' }, 'MESSAGE_ID'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1 }, 'MESSAGE'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: '' }, 'MESSAGE'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: 'ok', DIALOG_ID: 'chat1' }, 'DIALOG_ID'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: 'ok', BOT_ID: 39 }, 'BOT_ID'],
    [{ COMMAND_ID: 99, MESSAGE_ID: 1, MESSAGE: 'ok', SKIP_CONNECTOR: 'Y' }, 'SKIP_CONNECTOR'],
  ])('refuses %j, naming %s', async (input, field) => {
    await expectInvalid(imbotCommandAnswer, input, field)
  })

  it('resolves to the message id, or to true after the 10-minute window', () => {
    expect(result(imbotCommandAnswer, commandAnswerExample.response.result).output).toBe(33879)
    expect(result(imbotCommandAnswer, '33879').output).toBe(33879)
    expect(result(imbotCommandAnswer, true).output).toBe(true)
    expect(result(imbotCommandAnswer, false).success).toBe(false)
  })
})

describe('imbot.app.register (no fixture: hand-written from the docs and the server)', () => {
  const jsApp = { BOT_ID: 62, CODE: 'echo', JS_METHOD: 'SEND', JS_PARAM: '/help', LANG: appLang }
  const iframeApp = {
    BOT_ID: 62,
    CODE: 'echo',
    IFRAME: 'https://marta.bitrix.com/iframe/echo.php',
    IFRAME_WIDTH: '350',
    IFRAME_HEIGHT: 150,
    HASH: hash,
    ICON_FILE: 'iVBORw0KGgo=',
    CONTEXT: 'BOT',
    HIDDEN: 'N',
    EXTRANET_SUPPORT: false,
    LIVECHAT_SUPPORT: 'N',
    IFRAME_POPUP: 'N',
    LANG: [{ LANGUAGE_ID: 'en', TITLE: 'Echobot IFRAME', DESCRIPTION: 'Open Echobot IFRAME app', COPYRIGHT: 'Bitrix24' }],
    CLIENT_ID: 'my-bot',
  }

  it('accepts the docs examples: a JS command app and an iframe app', () => {
    expect(params(imbotAppRegister, jsApp)).toMatchObject({ success: true, output: jsApp })
    expect(params(imbotAppRegister, iframeApp)).toMatchObject({ success: true, output: { ...iframeApp, EXTRANET_SUPPORT: 'N' } })
    expect(params(imbotAppRegister, { ...jsApp, JS_METHOD: 'CALL', JS_PARAM: '+1 555 0100' }).success).toBe(true)
    expect(params(imbotAppRegister, { ...jsApp, JS_METHOD: 'SUPPORT', JS_PARAM: hash }).success).toBe(true)
    expect(params(imbotAppRegister, { ...jsApp, ICON_FILE: ['icon.png', 'iVBORw0KGgo='] }).success).toBe(true)
  })

  it.each([
    [{ ...jsApp, BOT_ID: undefined }, 'BOT_ID'],
    [{ ...jsApp, CODE: '' }, 'CODE'],
    [{ ...jsApp, LANG: undefined }, 'LANG'],
    [{ ...jsApp, LANG: [] }, 'LANG'],
    [{ ...jsApp, JS_METHOD: undefined }, 'JS_METHOD'],
    [{ ...jsApp, JS_PARAM: undefined }, 'JS_PARAM'],
    [{ ...jsApp, JS_METHOD: 'OPEN' }, 'JS_METHOD'],
    [{ ...jsApp, JS_PARAM: 'help' }, 'JS_PARAM'],
    [{ ...jsApp, JS_PARAM: '/h' }, 'JS_PARAM'],
    [{ ...jsApp, JS_METHOD: 'SUPPORT', JS_PARAM: 'line-1' }, 'JS_PARAM'],
    [{ BOT_ID: 62, CODE: 'echo', LANG: appLang }, 'JS_METHOD'],
    [{ ...iframeApp, HASH: undefined }, 'HASH'],
    [{ ...iframeApp, HASH: `${hash}x` }, 'HASH'],
    [{ ...iframeApp, IFRAME: 'http://marta.bitrix.com/iframe' }, 'IFRAME'],
    [{ ...iframeApp, IFRAME: 'HTTPS://marta.bitrix.com/iframe' }, 'IFRAME'],
    [{ ...iframeApp, IFRAME_WIDTH: 0 }, 'IFRAME_WIDTH'],
    [{ ...iframeApp, IFRAME_HEIGHT: '50px' }, 'IFRAME_HEIGHT'],
    [{ ...iframeApp, CONTEXT: 'bot' }, 'CONTEXT'],
    [{ ...iframeApp, LANG: [{ LANGUAGE_ID: 'en' }] }, 'LANG.0.TITLE'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(paths(imbotAppRegister, input)).toContain(field)
  })

  it('reports through the client without a request', async () => {
    await expectInvalid(imbotAppRegister, { BOT_ID: 62, CODE: 'echo', LANG: appLang }, 'JS_METHOD')
  })

  it('resolves to the app id as a number (hand-written response)', () => {
    expect(result(imbotAppRegister, 13).output).toBe(13)
    expect(result(imbotAppRegister, '13').output).toBe(13)
    expect(result(imbotAppRegister, true).success).toBe(false)
  })
})

describe('imbot.app.update (no fixture: hand-written from the docs example)', () => {
  const docsExample = { APP_ID: 13, FIELDS: { IFRAME: 'https://marta.bitrix.com/iframe/echo.php', JS_METHOD: 'SEND', JS_PARAM: '/help' } }

  it('accepts the docs example, with its changes nested in FIELDS', () => {
    expect(params(imbotAppUpdate, docsExample)).toMatchObject({ success: true, output: docsExample })
    expect(params(imbotAppUpdate, { APP_ID: 13, FIELDS: { HIDDEN: true, HASH: hash }, CLIENT_ID: 'my-bot' }).output).toEqual({
      APP_ID: 13,
      FIELDS: { HIDDEN: 'Y', HASH: hash },
      CLIENT_ID: 'my-bot',
    })
  })

  it('refuses the fields at the top level, where the server does not read them', async () => {
    await expectInvalid(imbotAppUpdate, { APP_ID: 13, IFRAME: 'https://marta.bitrix.com/iframe/echo.php' }, 'IFRAME')
  })

  it.each([
    [{ FIELDS: { HIDDEN: 'Y' } }, 'APP_ID'],
    [{ APP_ID: 13 }, 'FIELDS'],
    [{ APP_ID: 13, FIELDS: {} }, 'FIELDS'],
    [{ APP_ID: 13, FIELDS: { JS_METHOD: 'SEND' } }, 'FIELDS.JS_PARAM'],
    [{ APP_ID: 13, FIELDS: { JS_PARAM: '/help' } }, 'FIELDS.JS_METHOD'],
    [{ APP_ID: 13, FIELDS: { JS_METHOD: 'PUT', JS_PARAM: 'help' } }, 'FIELDS.JS_PARAM'],
    [{ APP_ID: 13, FIELDS: { IFRAME: 'http://marta.bitrix.com/' } }, 'FIELDS.IFRAME'],
    [{ APP_ID: 13, FIELDS: { CONTEXT: 'EVERYWHERE' } }, 'FIELDS.CONTEXT'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(paths(imbotAppUpdate, input)).toContain(field)
  })

  it('resolves to true (hand-written response)', () => {
    expect(result(imbotAppUpdate, true).output).toBe(true)
    expect(result(imbotAppUpdate, 1).success).toBe(false)
  })
})

describe('imbot.app.unregister (no fixture: hand-written from the docs example)', () => {
  it('accepts the docs example and needs APP_ID', async () => {
    expect(params(imbotAppUnregister, { APP_ID: 13 })).toMatchObject({ success: true, output: { APP_ID: 13 } })
    await expectInvalid(imbotAppUnregister, {}, 'APP_ID')
    await expectInvalid(imbotAppUnregister, { APP_ID: '13abc' }, 'APP_ID')
    expect(params(imbotAppUnregister, { APP_ID: '13' })).toMatchObject({ success: true, output: { APP_ID: 13 } })
  })

  it('resolves to true (hand-written response)', () => {
    expect(result(imbotAppUnregister, true).output).toBe(true)
  })
})

describe('ids as decimal strings, as webhook-delivered events carry them', () => {
  it.each([
    [
      imbotMessageAdd,
      { BOT_ID: '39', FROM_USER_ID: '1', TO_USER_ID: '1269', MESSAGE: 'hi' },
      { BOT_ID: 39, FROM_USER_ID: 1, TO_USER_ID: 1269 },
    ],
    [imbotMessageUpdate, { BOT_ID: '39', MESSAGE_ID: '19880117', MESSAGE: 'hi' }, { BOT_ID: 39, MESSAGE_ID: 19880117 }],
    [imbotMessageDelete, { BOT_ID: '39', MESSAGE_ID: '19880117' }, { BOT_ID: 39, MESSAGE_ID: 19880117 }],
    [imbotMessageLike, { BOT_ID: '39', MESSAGE_ID: '19880117' }, { BOT_ID: 39, MESSAGE_ID: 19880117 }],
    [imbotCommandAnswer, { COMMAND_ID: '99', MESSAGE_ID: '33877', MESSAGE: 'ok' }, { COMMAND_ID: 99, MESSAGE_ID: 33877 }],
    [imbotCommandRegister, { BOT_ID: '39', COMMAND: 'echo', EVENT_COMMAND_ADD: 'https://bot.example.com/c', LANG: lang }, { BOT_ID: 39 }],
    [imbotCommandUpdate, { COMMAND_ID: '99', FIELDS: { HIDDEN: 'N' } }, { COMMAND_ID: 99 }],
    [imbotCommandUnregister, { COMMAND_ID: '99' }, { COMMAND_ID: 99 }],
    [imbotAppRegister, { BOT_ID: '39', CODE: 'echo', JS_METHOD: 'SEND', JS_PARAM: '/help', LANG: appLang }, { BOT_ID: 39 }],
    [imbotAppUpdate, { APP_ID: '13', FIELDS: { HIDDEN: 'Y' } }, { APP_ID: 13 }],
  ] as const)('%# are accepted and sent as numbers (the server intval()s them)', (descriptor, input, ids) => {
    expect(params(descriptor, input)).toMatchObject({ success: true, output: ids })
  })
})
