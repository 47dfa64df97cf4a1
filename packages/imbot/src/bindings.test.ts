import { defineMethod, type Caller, type MethodDescriptor } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { bindingPath, bindMethods } from './bindings.ts'
import { imbot } from './imbot.ts'
import { methodTable } from './method-table.ts'
import { methods } from './methods.ts'

const describe_ = (method: string) => defineMethod({ method, params: v.object({}), result: v.unknown() })

/** Records what the bindings ask of it. A caller is the seam the bindings are built on, not one of our layers. */
function recordingCaller() {
  const calls: { descriptor: MethodDescriptor; args: unknown[] }[] = []
  const caller: Caller = {
    call: (descriptor: MethodDescriptor, ...args: unknown[]) => {
      calls.push({ descriptor, args })
      return Promise.resolve('done' as never)
    },
  }
  return { calls, caller }
}

function leafPaths(namespace: object, prefix = ''): string[] {
  return Object.entries(namespace).flatMap(([key, value]) =>
    typeof value === 'function' ? [`${prefix}${key}`] : leafPaths(value as object, `${prefix}${key}.`),
  )
}

describe('bindingPath', () => {
  it.each([
    ['imbot.chat.get', 'chat.get'],
    ['imbot.register', 'register'],
    ['imbot.chat.user.add', 'chat.user.add'],
    ['imbot.v2.Chat.Message.send', 'v2.Chat.Message.send'],
    ['im.v2.Event.get', 'im.v2.Event.get'],
  ])('%s is api.%s', (method, path) => {
    expect(bindingPath(method).join('.')).toBe(path)
  })
})

describe('the imbot bindings', () => {
  it('have one function for each method of the table, at its path, and nothing else', () => {
    const api = imbot(recordingCaller().caller)
    expect(leafPaths(api).sort()).toEqual(
      Object.keys(methods)
        .map((method) => bindingPath(method).join('.'))
        .sort(),
    )
  })

  it('hand the descriptor, params and options to the caller unchanged', async () => {
    const { calls, caller } = recordingCaller()
    const signal = new AbortController().signal
    await expect(imbot(caller).chat.get({ ENTITY_TYPE: 'A', ENTITY_ID: 1 }, { signal })).resolves.toBe('done')
    expect(calls).toEqual([{ descriptor: methods['imbot.chat.get'], args: [{ ENTITY_TYPE: 'A', ENTITY_ID: 1 }, { signal }] }])
  })

  it('are frozen', () => {
    const api = imbot(recordingCaller().caller)
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.isFrozen(api.chat)).toBe(true)
  })
})

describe('bindMethods and methodTable', () => {
  it('nest deep paths and keep siblings apart', () => {
    const table = methodTable([describe_('imbot.v2.Chat.get'), describe_('imbot.v2.Chat.Message.send'), describe_('im.v2.Event.get')])
    expect(leafPaths(bindMethods(recordingCaller().caller, table)).sort()).toEqual([
      'im.v2.Event.get',
      'v2.Chat.Message.send',
      'v2.Chat.get',
    ])
  })

  it('refuse a table whose paths collide', () => {
    expect(() => methodTable([describe_('imbot.chat.get'), describe_('imbot.chat.get')])).toThrow(/described twice/)
    expect(() => bindMethods(recordingCaller().caller, methodTable([describe_('imbot.chat'), describe_('imbot.chat.get')]))).toThrow(
      /both a method and a namespace/,
    )
    expect(() => bindMethods(recordingCaller().caller, methodTable([describe_('imbot.chat.get'), describe_('imbot.chat')]))).toThrow(
      /path is taken/,
    )
  })

  it('key every descriptor of the imbot table by its own method name', () => {
    for (const [name, descriptor] of Object.entries(methods)) expect(descriptor.method).toBe(name)
  })
})
