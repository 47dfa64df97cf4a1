import { describe, expect, it } from 'vitest'
import * as root from './index.ts'
import { methods } from './methods.ts'

/** A method name in camelCase, the rule the root export of its descriptor follows: `im.v2.Event.get` -> `imV2EventGet`. */
function camelCase(method: string): string {
  return method
    .split('.')
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('')
}

const exported: Readonly<Record<string, unknown>> = root

describe('descriptors exported from the package root', () => {
  it('names a method in camelCase, its first segment as written', () => {
    expect(camelCase('imbot.chat.get')).toBe('imbotChatGet')
    expect(camelCase('imbot.v2.Chat.Message.send')).toBe('imbotV2ChatMessageSend')
    expect(camelCase('im.v2.Event.get')).toBe('imV2EventGet')
    expect(camelCase('imbot.chat.sendTyping')).toBe('imbotChatSendTyping')
  })

  it.each(Object.entries(methods))('%s is exported as that very descriptor', (method, descriptor) => {
    const name = camelCase(method)
    expect(Object.hasOwn(exported, name), `no root export named ${name}`).toBe(true)
    expect(exported[name]).toBe(descriptor)
  })

  it('exports no other descriptor of the table under another name', () => {
    const tableDescriptors: ReadonlySet<unknown> = new Set(Object.values(methods))
    const names = Object.keys(exported).filter((name) => tableDescriptors.has(exported[name]))
    expect(names.sort()).toEqual(Object.keys(methods).map(camelCase).sort())
    expect(names).toHaveLength(67)
  })
})
