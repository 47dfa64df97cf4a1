import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2CommandAnswer } from './imbot.v2.Command.answer.ts'
import { imbotV2CommandList } from './imbot.v2.Command.list.ts'
import { imbotV2CommandRegister } from './imbot.v2.Command.register.ts'
import { imbotV2CommandUnregister } from './imbot.v2.Command.unregister.ts'
import { imbotV2CommandUpdate } from './imbot.v2.Command.update.ts'

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
