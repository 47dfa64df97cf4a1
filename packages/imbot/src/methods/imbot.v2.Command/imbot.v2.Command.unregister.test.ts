import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2CommandUnregister } from './imbot.v2.Command.unregister.ts'

describe('imbot.v2.Command.unregister', () => {
  it('refuses invalid params before sending: Command.unregister without commandId', async () => {
    await expectInvalid(imbotV2CommandUnregister, { ...bot }, 'commandId')
  })
})
