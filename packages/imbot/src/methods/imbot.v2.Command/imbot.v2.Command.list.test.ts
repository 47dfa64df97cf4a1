import { describe, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { bot } from '../../../test/descriptors.ts'
import { imbotV2CommandList } from './imbot.v2.Command.list.ts'

describe('imbot.v2.Command.list', () => {
  it('refuses invalid params before sending: Command.list with an unknown param', async () => {
    await expectInvalid(imbotV2CommandList, { ...bot, limit: 10 }, 'limit')
  })
})
