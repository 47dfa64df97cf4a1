import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2CommandUpdate } from './imbot.v2.Command.update.ts'

describe('imbot.v2.Command.update', () => {
  it('refuses invalid params before sending: Command.update with a two-word command', async () => {
    await expectInvalid(imbotV2CommandUpdate, { ...bot, commandId: 42, fields: { command: 'get help' } }, 'fields.command')
  })
})
