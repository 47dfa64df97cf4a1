import { describe, expect, it } from 'vitest'
import { expectInvalid } from '../../../test/expect-invalid.ts'
import { paramsOf, resultOf } from '../../../test/descriptors.ts'
import { imbotMessageDelete } from './imbot.message.delete.ts'
import { imbotMessageLike } from './imbot.message.like.ts'

describe('imbot.message.delete and imbot.message.like', () => {
  it('send COMPLETE as Y/N and ACTION as given', () => {
    expect(paramsOf(imbotMessageDelete, { MESSAGE_ID: 1, COMPLETE: true }).output).toEqual({ MESSAGE_ID: 1, COMPLETE: 'Y' })
    for (const ACTION of ['auto', 'plus', 'minus'])
      expect(paramsOf(imbotMessageLike, { MESSAGE_ID: 1, ACTION }).output).toEqual({ MESSAGE_ID: 1, ACTION })
  })

  it('accept ACTION in upper case, as the server lower-cases it, and send it lower-cased', () => {
    for (const ACTION of ['AUTO', 'PLUS', 'MINUS']) {
      expect(paramsOf(imbotMessageLike, { MESSAGE_ID: 1, ACTION }).output).toEqual({ MESSAGE_ID: 1, ACTION: ACTION.toLowerCase() })
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
    expect(resultOf(imbotMessageDelete, true).output).toBe(true)
    expect(resultOf(imbotMessageLike, true).output).toBe(true)
  })
})
