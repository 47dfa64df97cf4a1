import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2CommandRegister } from './imbot.v2.Command.register.ts'

describe('imbot.v2.Command.register', () => {
  it('refuses invalid params before sending: Command.register without fields', async () => {
    await expectInvalid(imbotV2CommandRegister, { ...bot }, 'fields')
  })
})
